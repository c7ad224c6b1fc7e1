import {Middleware} from '@loopback/rest';
import {randomUUID} from 'node:crypto';
import {logger} from '../logger';

/** A request id from a proxy is kept when it looks like one; else one is made. */
const requestIdPattern = /^[\w.:-]{1,128}$/;

/**
 * Logs one structured line per request once the response has been sent:
 * request id, method, path, status and duration, never headers or bodies.
 * The id (a load balancer's X-Request-Id, or a new one) is sent back in
 * X-Request-Id, so one request can be followed from the balancer on.
 */
export const requestLogger: Middleware = async (context, next) => {
  const {request, response} = context;
  const started = performance.now();
  const incoming = request.get('x-request-id') ?? '';
  const reqId = requestIdPattern.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', reqId);
  response.once('finish', () => {
    const entry = {
      reqId,
      method: request.method,
      url: request.originalUrl,
      status: response.statusCode,
      durationMs: Math.round(performance.now() - started),
    };
    if (response.statusCode >= 500) logger.error(entry, 'request failed');
    else logger.info(entry, 'request completed');
  });
  return next();
};
