import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Every request body of this API is a JSON object. The body parser already
 * refuses null, numbers, strings and booleans (a 400 in handler.ts); this
 * refuses an array, which validators with optional fields would accept.
 */
export default class JsonObjectBodyMiddleware {
  handle({ request, response }: HttpContext, next: NextFn) {
    if (Array.isArray(request.body())) {
      return response.badRequest({
        errors: [{ message: 'The request body must be a JSON object' }],
      })
    }
    return next()
  }
}
