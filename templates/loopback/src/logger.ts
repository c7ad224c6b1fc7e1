import pino from 'pino';

/** One JSON object per line on stdout, as log collectors expect. */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});
