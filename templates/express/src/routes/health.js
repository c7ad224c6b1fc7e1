import { Router } from 'express';

/** GET /health: 200 while the database answers, 503 when it does not. */
export function createHealthRouter({ database }) {
  const router = Router();

  router.get('/', async (req, res) => {
    try {
      await database.ping();
    } catch (error) {
      req.log.error({ err: error }, 'database unreachable');
      return res.status(503).json({ status: 'unavailable' });
    }
    res.json({ status: 'ok' });
  });

  return router;
}
