import { STATUS_CODES } from 'node:http';

/**
 * The one place errors become responses. Client errors raised by Express and
 * its body parser (malformed JSON, body too large) carry their status and a
 * message meant for the client; anything else is a 500 whose details stay in
 * the logs, except in development.
 */
export function errorHandler({ exposeErrors }) {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);

    const status = error.status >= 400 && error.status < 600 ? error.status : 500;
    if (status >= 500) res.err = error; // pino-http logs it with the request

    const body = { error: error.expose || exposeErrors ? error.message : STATUS_CODES[status] };
    if (exposeErrors) body.stack = error.stack;
    res.status(status).json(body);
  };
}
