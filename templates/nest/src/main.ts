import { ConsoleLogger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { EnvironmentVariables } from './config/env.validation.js';

async function bootstrap() {
  const production = process.env.NODE_ENV === 'production';
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // One JSON object per line in production; readable colours while developing.
    logger: new ConsoleLogger({ json: production, colors: !production }),
  });
  configureApp(app);
  // Closes the HTTP server and the database pool on SIGTERM/SIGINT.
  app.enableShutdownHooks();

  const config =
    app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const host =
    config.get('HOST', { infer: true }) ??
    (production ? '0.0.0.0' : '127.0.0.1');
  await app.listen(config.get('PORT', { infer: true }), host);
}
await bootstrap();
