import {Middleware} from '@loopback/rest';
import {logger} from '../logger';

/**
 * Logs one structured line per request once the response has been sent:
 * method, path, status and duration, never headers or bodies.
 */
export const requestLogger: Middleware = async (context, next) => {
  const {request, response} = context;
  const started = performance.now();
  response.once('finish', () => {
    const entry = {
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
