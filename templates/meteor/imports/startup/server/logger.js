import pino from 'pino';
import { config } from './config.js';

// JSON lines on stdout, one per request (pino-http) and per event; Meteor's
// own messages keep their format.
// Credentials never reach the log.
export const logger = pino({
  level: config.logLevel,
  base: { service: 'api' },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
});
