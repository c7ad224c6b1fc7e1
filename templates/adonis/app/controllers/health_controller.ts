import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'

export default class HealthController {
  /**
   * 200 when the database answers a query, 503 when it does not
   */
  async handle({ response, logger }: HttpContext) {
    try {
      await db.rawQuery('SELECT 1')
      return { status: 'ok' }
    } catch (error) {
      logger.error({ err: error }, 'health check: the database is unreachable')
      return response.serviceUnavailable({ status: 'unavailable' })
    }
  }
}
