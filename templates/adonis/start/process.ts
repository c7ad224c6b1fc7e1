/*
|--------------------------------------------------------------------------
| Process lifecycle
|--------------------------------------------------------------------------
|
| Preloaded by the HTTP server and the ace commands (adonisrc.ts). An error
| nothing handled is logged through the app logger, then the process exits
| with status 1. Shutdown (SIGTERM, see bin/) closes the HTTP server and the
| database; if that hangs, the process exits anyway after a few seconds,
| within the 10 seconds `docker stop` waits before it kills.
|
*/

import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'

const SHUTDOWN_TIMEOUT_MS = 8000

app.terminating(() => {
  setTimeout(() => {
    logger.fatal(`shutdown took over ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`)
    process.exit(1)
  }, SHUTDOWN_TIMEOUT_MS).unref()
})

process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled promise rejection')
  process.exit(1)
})

process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception')
  process.exit(1)
})
