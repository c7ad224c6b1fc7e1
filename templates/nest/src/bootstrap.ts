import { ConsoleLogger, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { type EnvironmentVariables, isLocal } from './config/env.validation.js';
import { exitOnFatalErrors, exitWith } from './fatal-errors.js';
import { closeOnSignal } from './lifecycle.js';

/* Loaded by main.ts, once the stop signals are handled. */

// NODE_ENV comes from the environment (the app reads no .env file; start:dev
// loads it); unset means production.
const local = isLocal(process.env.NODE_ENV);
// One JSON object per line in production; readable colours while developing.
const logger = new ConsoleLogger({ json: !local, colors: local });

exitOnFatalErrors(logger);

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger,
    // Start-up errors reach exitWith instead of aborting the process, and
    // Nest's log is held back until it started (see fatal-errors.ts).
    abortOnError: false,
    bufferLogs: true,
    autoFlushLogs: false,
  });
  app.flushLogs();
  configureApp(app);
  closeOnSignal(app, logger);

  const config =
    app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const host =
    config.get('HOST', { infer: true }) ?? (local ? '127.0.0.1' : '0.0.0.0');
  await app.listen(config.get('PORT', { infer: true }), host);
}

bootstrap().catch((error: unknown) =>
  exitWith(error, 'Start-up failed', logger),
);
