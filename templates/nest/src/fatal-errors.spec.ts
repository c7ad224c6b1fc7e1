import type { LoggerService } from '@nestjs/common';
import { InvalidEnvironmentError } from './config/env.validation.js';
import { exitOnFatalErrors, exitWith } from './fatal-errors.js';

describe('fatal errors', () => {
  const logger = {
    log: vi.fn(),
    error: vi.fn(),
    warn: vi.fn(),
    fatal: vi.fn(),
  } satisfies LoggerService;

  beforeEach(() => {
    vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    logger.fatal.mockReset();
  });

  it('logs an unhandled rejection through the app logger, then exits with 1', () => {
    const rejections = process.listeners('unhandledRejection');
    const exceptions = process.listeners('uncaughtException');
    exitOnFatalErrors(logger);
    try {
      const reason = new Error('nobody awaited this');
      process.emit('unhandledRejection', reason, Promise.resolve());
      expect(logger.fatal).toHaveBeenCalledWith(
        reason,
        'Unhandled promise rejection',
      );
      expect(process.exit).toHaveBeenCalledWith(1);
    } finally {
      for (const listener of process.listeners('unhandledRejection')) {
        if (!rejections.includes(listener)) {
          process.off('unhandledRejection', listener);
        }
      }
      for (const listener of process.listeners('uncaughtException')) {
        if (!exceptions.includes(listener)) {
          process.off('uncaughtException', listener);
        }
      }
    }
  });

  it('reports an invalid environment as its message alone', () => {
    const write = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    exitWith(
      new InvalidEnvironmentError('PORT must be a port number (0 to 65535)'),
      'Start-up failed',
      logger,
    );
    expect(write).toHaveBeenCalledWith(
      'PORT must be a port number (0 to 65535)\n',
    );
    expect(logger.fatal).not.toHaveBeenCalled();
    expect(process.exit).toHaveBeenCalledWith(1);
  });
});
