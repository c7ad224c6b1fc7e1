import Router from '@koa/router';
import { checkDatabase } from '../db/health.js';

/** GET /health: 200 while the database answers, 503 when it does not (within 2 s). */
export function createHealthRouter({ database }) {
  const router = new Router();

  router.get('/health', async (ctx) => {
    try {
      await checkDatabase(database);
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
