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

// Time for in-flight requests and the database to finish after SIGTERM,
// short of the 10 s after which `docker stop` kills the process.
const SHUTDOWN_TIMEOUT_MS = 8_000;

// NODE_ENV is read from the environment or .env (ConfigModule loads it with
// AppModule); unset means production.
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
    // Start-up errors reach the catch below instead of aborting the process,
    // and Nest's log is held back until it started (see exitWith).
    abortOnError: false,
    bufferLogs: true,
    autoFlushLogs: false,
  });
  app.flushLogs();
  configureApp(app);

  // SIGTERM (docker stop) and SIGINT (Ctrl-C): stop accepting connections,
  // let the requests in flight finish, close the database, exit. A hard
  // timeout ends the process even when something hangs.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      Logger.log(`${signal} received: shutting down`, 'Shutdown');
      setTimeout(() => {
        Logger.error(
          `Shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`,
          undefined,
          'Shutdown',
        );
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          Logger.error(error, undefined, 'Shutdown');
          process.exit(1);
        },
      );
    });
  }

  const config =
    app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const host =
    config.get('HOST', { infer: true }) ?? (local ? '127.0.0.1' : '0.0.0.0');
  await app.listen(config.get('PORT', { infer: true }), host);
}

bootstrap().catch((error: unknown) => exitWith(error, 'Start-up failed'));
