import app from '@adonisjs/core/services/app'
import { errors as vineErrors } from '@vinejs/vine'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'

export default class HttpExceptionHandler extends ExceptionHandler {
  /**
   * In debug mode (development only) errors are rendered with their stack
   * traces. Elsewhere the client gets the status and a message.
   */
  protected debug = app.inDev

  /**
   * Turns an exception into a JSON response.
   */
  async handle(error: unknown, ctx: HttpContext) {
    /**
     * Invalid input is a 400 Bad Request in this API (VineJS says 422).
     */
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return ctx.response.badRequest({ errors: error.messages })
    }

    /**
     * An unexpected error says nothing about its cause outside development.
     */
    if (!this.debug && this.statusOf(error) >= 500) {
      return ctx.response.internalServerError({ errors: [{ message: 'Internal server error' }] })
    }

    return super.handle(error, ctx)
  }

  /**
   * Reports an error to the logs (server errors only; client errors are
   * expected).
   */
  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }

  private statusOf(error: unknown): number {
    if (error && typeof error === 'object' && 'status' in error) {
      return Number(error.status) || 500
    }
    return 500
  }
}
