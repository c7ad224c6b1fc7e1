import { Logger, type LoggerService } from '@nestjs/common';

/** The app's logger: ConsoleLogger has `fatal`. */
type FatalLogger = Required<Pick<LoggerService, 'fatal'>>;
import { InvalidEnvironmentError } from './config/env.validation.js';

/** Logs what stops the process through the app's logger, then exits with 1. */
export function exitWith(
  error: unknown,
  context: string,
  logger: FatalLogger,
): never {
  if (error instanceof InvalidEnvironmentError) {
    // One line per wrong variable, saying how to fix it.
    process.stderr.write(`${error.message}\n`);
  } else {
    // Nest's start-up log, held back until here, then the error itself.
    Logger.flush();
    logger.fatal(error, context);
  }
  return process.exit(1);
}

/**
 * A failure nothing awaited leaves the process in an unknown state: log it
 * and exit, so the platform starts a fresh one. (An invalid environment
 * arrives here too: ConfigModule rejects while AppModule is imported.)
 */
export function exitOnFatalErrors(logger: FatalLogger): void {
  process.on('unhandledRejection', (reason) =>
    exitWith(reason, 'Unhandled promise rejection', logger),
  );
  process.on('uncaughtException', (error) =>
    exitWith(error, 'Uncaught exception', logger),
  );
}
