import {ApiApplication, ApplicationConfig} from './application';
import {ConfigError} from './config';
import {logger} from './logger';

export * from './application';

/** How long a shutdown may take before the process exits regardless. */
const shutdownTimeoutMs = 8000;

export async function main(options: ApplicationConfig = {}) {
  const app = new ApiApplication(options);
  await app.boot();
  if (app.settings.env === 'development') {
    // Elsewhere the schema is a release step: `node dist/migrate.js`.
    await app.migrateSchema();
  }
  await app.start();
  logger.info(
    {url: app.restServer.url, env: app.settings.env},
    'server listening',
  );
  return app;
}

/**
 * SIGTERM (docker stop) and SIGINT stop the application: the server stops
 * accepting connections and gives running requests its grace period, then
 * the datasource disconnects. If that hangs, the process exits anyway.
 */
function stopOnSignals(app: ApiApplication) {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({signal}, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown timed out, exiting');
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    app.stop().then(
      () => process.exit(0),
      err => {
        logger.error({err}, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  // A failure nothing else handles is logged, and the process ends with it.
  process.on('unhandledRejection', reason => {
    logger.fatal({err: reason}, 'unhandled rejection');
    process.exit(1);
  });
  process.on('uncaughtException', err => {
    logger.fatal({err}, 'uncaught exception');
    process.exit(1);
  });
  main().then(stopOnSignals, err => {
    if (err instanceof ConfigError) console.error(err.message);
    else logger.fatal({err}, 'cannot start the application');
    process.exit(1);
  });
}
