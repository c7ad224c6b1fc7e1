import {ApiApplication} from './application';
import {ConfigError} from './config';
import {DbDataSource} from './datasources';

/**
 * The release step (`node dist/migrate.js`, `npm run db:migrate` locally):
 * brings the database schema in line with the models with juggler's
 * autoupdate, which creates missing tables, columns, indexes and foreign keys.
 * `--rebuild` drops the tables first: every row is lost.
 */
export async function migrate(args: string[]) {
  const existingSchema = args.includes('--rebuild') ? 'drop' : 'alter';
  const app = new ApiApplication();
  await app.boot();
  // The app is booted, not started, so app.stop() would leave the pool open.
  const db = await app.get<DbDataSource>('datasources.db');
  try {
    await app.migrateSchema({existingSchema});
  } finally {
    await db.disconnect();
  }
  console.log(`Database schema migrated (existing schema: ${existingSchema})`);
}

migrate(process.argv).catch(err => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Cannot migrate the database schema', err);
  process.exit(1);
});
