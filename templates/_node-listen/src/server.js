import { once } from 'node:events';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';

// How long a shutdown may take before the process exits anyway: in-flight
// requests get this long to finish. Below the 10 s `docker stop` waits.
const SHUTDOWN_TIMEOUT_MS = 8_000;

// Until the server listens there is nothing to drain: a stop signal during
// start-up ends the process at once. (Node as PID 1 in a container would
// otherwise ignore it.)
let stop = () => process.exit(1);
process.on('SIGTERM', (signal) => stop(signal));
process.on('SIGINT', (signal) => stop(signal));

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // Configuration mistakes: one line per wrong variable, saying what to fix.
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger(config);
// A rejection nothing handles, or an exception nothing catches, leaves the
// process in an unknown state: log it, then exit for the supervisor to restart it.
process.on('unhandledRejection', (reason) => crash('unhandled rejection', reason));
process.on('uncaughtException', (error) => crash('uncaught exception', error));
function crash(what, error) {
  logger.fatal({ err: error }, what);
  process.exit(1);
}

const database = await openDatabase(config.databaseUrl);
if (config.env !== 'production') {
  // In production, migrations are a release step: `node src/db/migrate.js`.
  await migrate(database);
}

const server = createApp({ config, database, logger }).listen(config.port, config.host);
try {
  await once(server, 'listening');
} catch (error) {
  // The port is taken (EADDRINUSE) or not ours to use (EACCES): report the error itself.
  logger.fatal({ err: error }, 'cannot listen on %s:%d', config.host, config.port);
  await database.close();
  process.exit(1);
}
const { address, port } = server.address();
logger.info({ address, port, env: config.env }, 'server listening');

stop = async (signal) => {
  stop = () => {}; // a second signal waits for the same shutdown
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown still not done after %d ms, exiting', SHUTDOWN_TIMEOUT_MS);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();

  // Stop accepting connections and wait for in-flight requests, then release the database.
  await new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await database.close();
  logger.info('stopped');
};
