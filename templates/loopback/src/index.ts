import {ApiApplication, ApplicationConfig} from './application';
import {logger} from './logger';

export * from './application';

export async function main(options: ApplicationConfig = {}) {
  const app = new ApiApplication(options);
  await app.boot();
  if (app.settings.env !== 'production') {
    // In production, the schema is a release step: `npm run db:migrate`.
    await app.migrateSchema({existingSchema: 'alter'});
  }
  await app.start();
  logger.info(
    {url: app.restServer.url, env: app.settings.env},
    'server listening',
  );
  return app;
}

if (require.main === module) {
  // SIGTERM and SIGINT stop the application: the server stops accepting
  // connections, lets running requests finish, and the datasource disconnects.
  main({shutdown: {signals: ['SIGTERM', 'SIGINT']}}).catch(err => {
    logger.fatal(err, 'cannot start the application');
    process.exit(1);
  });
}
