import {ApiApplication} from './application';
import {DbDataSource} from './datasources';

/**
 * `db:migrate`: brings the database schema in line with the models
 * (LoopBack's auto-update: creates missing tables, columns and indexes, keeps
 * data). `--rebuild` drops and recreates every table instead.
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
  console.error('Cannot migrate the database schema', err);
  process.exit(1);
});
