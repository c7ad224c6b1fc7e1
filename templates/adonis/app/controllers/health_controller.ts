import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * How long the database may take to answer before /health says 503
 */
export const HEALTH_TIMEOUT_MS = 2000

export default class HealthController {
  /**
   * 200 when the database answers a query within HEALTH_TIMEOUT_MS, 503
   * when it fails or does not answer in time
   */
  async handle({ response, logger }: HttpContext) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
        HEALTH_TIMEOUT_MS
      )
    })
    try {
      await Promise.race([db.rawQuery('SELECT 1'), timeout])
      return { status: 'ok' }
    } catch (error) {
      logger.error({ err: error }, 'health check: the database is unreachable')
      return response.serviceUnavailable({ status: 'unavailable' })
    } finally {
      clearTimeout(timer)
    }
  }
}
