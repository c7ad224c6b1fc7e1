import { randomUUID } from 'node:crypto';

// A request id from a proxy is reused when it looks like one; otherwise a new one is made.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Logs every request once it completes, tagged with a request id that is also
 * sent back in the `x-request-id` header. Middleware and routes log through
 * `ctx.log`. It runs first, so the line shows the status the client got.
 */
export function requestLogger(logger) {
  return async function requestLogger(ctx, next) {
    const started = performance.now();
    const incoming = ctx.get('x-request-id');
    const id = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('x-request-id', id);
    ctx.state.requestId = id;
    ctx.log = logger.child({ reqId: id });

    await next();

    const level = ctx.status >= 500 ? 'error' : ctx.status >= 400 ? 'warn' : 'info';
    ctx.log[level](
      {
        req: { method: ctx.method, url: ctx.originalUrl, remoteAddress: ctx.ip },
        res: { statusCode: ctx.status },
        responseTime: Math.round(performance.now() - started),
      },
      'request completed',
    );
  };
}
