import type { INestApplication, LoggerService } from '@nestjs/common';

/*
 * How the process stops. main.ts imports this module before it loads the
 * application, so that the signal handlers are in place from the start.
 */

// Time for in-flight requests and the database to finish after SIGTERM,
// short of the 10 s after which `docker stop` kills the process.
export const SHUTDOWN_TIMEOUT_MS = 8_000;

let running: { app: INestApplication; logger: LoggerService } | undefined;
let shuttingDown = false;

/** From now on a stop signal closes `app` (until then it ends the process). */
export function closeOnSignal(
  app: INestApplication,
  logger: LoggerService,
): void {
  running = { app, logger };
}

/**
 * SIGTERM (docker stop) and SIGINT (Ctrl-C): stop accepting connections, let
 * the requests in flight finish, close the database, exit. A hard timeout
 * ends the process even when something hangs.
 */
function shutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) return; // a second signal joins the running shutdown
  shuttingDown = true;
  // Still starting: nothing is served yet, so there is nothing to finish.
  if (!running) process.exit(0);
  const { app, logger } = running;
  logger.log(`${signal} received: shutting down`, 'Shutdown');
  setTimeout(() => {
    logger.error(
      `Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`,
      undefined,
      'Shutdown',
    );
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error(error, undefined, 'Shutdown');
      process.exit(1);
    },
  );
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
