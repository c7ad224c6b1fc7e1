import { Router } from 'express';
import { checkDatabase } from '../db/health.js';

/** GET /health: 200 while the database answers, 503 when it does not (within 2 s). */
export function createHealthRouter({ database }) {
  const router = Router();

  router.get('/', async (req, res) => {
    try {
      await checkDatabase(database);
    } catch (error) {
      req.log.error({ err: error }, 'database unreachable');
      return res.status(503).json({ status: 'unavailable' });
    }
    res.json({ status: 'ok' });
  });

  return router;
}
