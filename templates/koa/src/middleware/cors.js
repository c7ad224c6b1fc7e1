import koaCors from '@koa/cors';

/** CORS for "*" (any origin) or the list of allowed origins from CORS_ORIGIN. */
export function cors(allowed) {
  if (allowed === '*') return koaCors({ origin: '*' });
  return koaCors({
    // An empty answer means "not allowed": @koa/cors then adds no CORS headers.
    origin: (ctx) => (allowed.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
  });
}
