import Router from '@koa/router';

/** GET /health: 200 while the database answers, 503 when it does not. */
export function createHealthRouter({ database }) {
  const router = new Router();

  router.get('/health', async (ctx) => {
    try {
      await database.ping();
    } catch (error) {
      ctx.log.error({ err: error }, 'database unreachable');
      ctx.status = 503;
      ctx.body = { status: 'unavailable' };
      return;
    }
    ctx.body = { status: 'ok' };
  });

  return router;
}
