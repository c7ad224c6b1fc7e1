import { checkDatabase } from '../db/health.js';

/** GET /health: 200 while the database answers, 503 when it does not (within 2 s). */
export const healthPlugin = {
  name: 'health',
  register(server, { database }) {
    server.route({
      method: 'GET',
      path: '/health',
      options: { auth: false },
      async handler(request, h) {
        try {
          await checkDatabase(database);
        } catch (error) {
          request.logger.error({ err: error }, 'database unreachable');
          return h.response({ status: 'unavailable' }).code(503);
        }
        return { status: 'ok' };
      },
    });
  },
};
