import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, syncDestination } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',

  /**
   * One logger, "app", writing JSON lines to stdout. In development, in a
   * color terminal, pino-pretty (a dev dependency) prints them readably.
   */
  loggers: {
    app: {
      enabled: true,
      name: 'app',
      level: env.get('LOG_LEVEL', 'info'),
      destination: app.inDev ? await syncDestination() : undefined,
      redact: {
        paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
  },
})

export default loggerConfig

/**
 * Inferring types for the list of loggers you have configured
 * in your application.
 */
declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
