import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

// A request id from a proxy or load balancer is kept when it looks like one;
// otherwise a new one is made.
const requestIdPattern = /^[\w.:-]{1,128}$/;

/**
 * Logs one structured line per request once the response has been sent,
 * tagged with a request id that the response carries in X-Request-Id, so
 * that a request can be followed from the load balancer to its instance.
 */
export function requestLogger(
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const incoming = req.get('x-request-id');
  const requestId =
    incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const started = performance.now();
  res.on('finish', () => {
    const entry = {
      requestId,
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
