import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Logs one line per request once the response is sent: method, URL,
 * status and duration, with the request id of ctx.logger. Headers and
 * bodies are not logged, so neither are credentials.
 */
export default class RequestLoggerMiddleware {
  handle({ request, response, logger }: HttpContext, next: NextFn) {
    const start = process.hrtime.bigint()
    response.response.once('finish', () => {
      logger.info(
        {
          method: request.method(),
          url: request.url(),
          status: response.response.statusCode,
          durationMs: Number(process.hrtime.bigint() - start) / 1e6,
        },
        'request completed'
      )
    })
    return next()
  }
}
