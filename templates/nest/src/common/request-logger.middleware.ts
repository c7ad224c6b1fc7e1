import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/** Logs one structured line per request once the response has been sent. */
export function requestLogger(
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const started = performance.now();
  res.on('finish', () => {
    const entry = {
      method: req.method,
      url: req.originalUrl,
      status: res.statusCode,
      durationMs: Math.round(performance.now() - started),
    };
    if (res.statusCode >= 500) logger.error(entry);
    else if (res.statusCode >= 400) logger.warn(entry);
    else logger.log(entry);
  });
  next();
}
