import { STATUS_CODES } from 'node:http';

/**
 * The one place errors become responses, so it runs before everything that can
 * throw. Client errors (ctx.throw, validation, the body parser's 413 and 400) keep
 * their status and, when it is meant for the client, their message;
 * anything else is a 500 whose details stay in the logs, except in development.
 */
export function errorHandler({ exposeErrors }) {
  return async function errorHandler(ctx, next) {
    try {
      await next();
    } catch (error) {
      const status = error.status >= 400 && error.status < 600 ? error.status : 500;
      if (status >= 500) ctx.app.emit('error', error, ctx);

      const body = { error: error.expose || exposeErrors ? error.message : STATUS_CODES[status] };
      if (error.issues) body.issues = error.issues;
      if (exposeErrors) body.stack = error.stack;

      ctx.status = status;
      if (error.headers) ctx.set(error.headers);
      ctx.body = body;
    }
  };
}

