import { ConsoleLogger, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import {
  type EnvironmentVariables,
  InvalidEnvironmentError,
  isLocal,
} from './config/env.validation.js';
import { closeOnSignal } from './lifecycle.js';

/* Loaded by main.ts, once the stop signals are handled. */

// NODE_ENV comes from the environment (the app reads no .env file; start:dev
// loads it); unset means production.
const local = isLocal(process.env.NODE_ENV);
// One JSON object per line in production; readable colours while developing.
const logger = new ConsoleLogger({ json: !local, colors: local });

/** Logs what stops the process through the app's logger, then exits with 1. */
function exitWith(error: unknown, context: string): never {
  if (error instanceof InvalidEnvironmentError) {
    // One line per wrong variable, saying how to fix it.
    process.stderr.write(`${error.message}\n`);
  } else {
    // Nest's start-up log, held back until here, then the error itself.
    Logger.flush();
    logger.fatal(error, context);
  }
  process.exit(1);
}

// A failure nothing awaited leaves the process in an unknown state: exit, so
// the platform starts a fresh one. (An invalid environment arrives here too:
// ConfigModule rejects while AppModule is imported.)
process.on('unhandledRejection', (reason) =>
  exitWith(reason, 'Unhandled promise rejection'),
);
process.on('uncaughtException', (error) =>
  exitWith(error, 'Uncaught exception'),
);

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger,
    // Start-up errors reach exitWith instead of aborting the process, and
    // Nest's log is held back until it started (see exitWith).
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

bootstrap().catch((error: unknown) => exitWith(error, 'Start-up failed'));
