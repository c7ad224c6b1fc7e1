import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';

// How long in-flight requests get to finish once a shutdown signal arrives, and
// how long the whole shutdown may take before the process exits anyway (below
// the 10 s `docker stop` waits).
const DRAIN_TIMEOUT_MS = 6_000;
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
const database = await openDatabase(config.databaseUrl);
if (config.env !== 'production') {
  // In production, migrations are a release step: `node src/db/migrate.js`.
  await migrate(database);
}

const server = await createServer({ config, database });
// A rejection nothing handles, or an exception nothing catches, leaves the
// process in an unknown state: log it, then exit for the supervisor to restart it.
process.on('unhandledRejection', (reason) => crash('unhandled rejection', reason));
process.on('uncaughtException', (error) => crash('uncaught exception', error));
function crash(what, error) {
  server.logger.fatal({ err: error }, what);
  process.exit(1);
}

try {
  await server.start(); // hapi-pino logs "server started" with the address
} catch (error) {
  // The port is taken (EADDRINUSE) or not ours to use (EACCES): report the error itself.
  server.logger.fatal({ err: error }, 'cannot listen on %s:%d', config.host, config.port);
  await database.close();
  process.exit(1);
}

stop = async (signal) => {
  stop = () => {}; // a second signal waits for the same shutdown
  server.logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    server.logger.error('shutdown still not done after %d ms, exiting', SHUTDOWN_TIMEOUT_MS);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();

  // Stop accepting connections, give in-flight requests time to finish, then release the database.
  await server.stop({ timeout: DRAIN_TIMEOUT_MS });
  await database.close();
  server.logger.info('stopped');
};
