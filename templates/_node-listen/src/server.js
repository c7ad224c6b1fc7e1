import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';

// How long in-flight requests get to finish once a shutdown signal arrives.
const SHUTDOWN_TIMEOUT_MS = 10_000;

const config = loadConfig();
const logger = createLogger(config);
const database = await openDatabase(config.databaseUrl);
if (config.env !== 'production') {
  // In production, migrations are a release step: `npm run db:migrate`.
  await migrate(database);
}

const app = createApp({ config, database, logger });
const server = app.listen(config.port, config.host, () => {
  const { address, port } = server.address();
  logger.info({ address, port, env: config.env }, 'server listening');
});

async function shutdown(signal) {
  logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    logger.error('requests still running after %d ms, exiting', SHUTDOWN_TIMEOUT_MS);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();

  // Stop accepting connections and wait for in-flight requests, then release the database.
  await new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await database.close();
  logger.info('stopped');
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
