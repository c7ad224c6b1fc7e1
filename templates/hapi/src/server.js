import { createServer } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { migrate } from './db/migrate.js';

// How long in-flight requests get to finish once a shutdown signal arrives.
const SHUTDOWN_TIMEOUT_MS = 10_000;

const config = loadConfig();
const database = await openDatabase(config.databaseUrl);
if (config.env !== 'production') {
  // In production, migrations are a release step: `npm run db:migrate`.
  await migrate(database);
}

const server = await createServer({ config, database });
await server.start(); // hapi-pino logs "server started" with the address

async function shutdown(signal) {
  server.logger.info({ signal }, 'shutting down');
  // Stop accepting connections, give in-flight requests time to finish, then release the database.
  await server.stop({ timeout: SHUTDOWN_TIMEOUT_MS });
  await database.close();
  server.logger.info('stopped');
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
