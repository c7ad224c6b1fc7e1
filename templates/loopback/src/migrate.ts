import {ApiApplication} from './application';

/**
 * `db:migrate`: brings the database schema in line with the models
 * (LoopBack's auto-update: creates missing tables and columns, keeps data).
 * `--rebuild` drops and recreates every table instead.
 */
export async function migrate(args: string[]) {
  const existingSchema = args.includes('--rebuild') ? 'drop' : 'alter';
  const app = new ApiApplication();
  await app.boot();
  try {
    await app.migrateSchema({existingSchema});
  } finally {
    await app.stop();
  }
  console.log(`Database schema migrated (existing schema: ${existingSchema})`);
}

migrate(process.argv).catch(err => {
  console.error('Cannot migrate the database schema', err);
  process.exit(1);
});
