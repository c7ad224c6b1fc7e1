import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';

// A request id from a proxy is reused when it looks like one; otherwise a new one is made.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Logs every request once it completes, tagged with a request id that is also
 * sent back in the `x-request-id` header. Handlers log through `req.log`.
 */
export function requestLogger(logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    // One short line per request; headers (and the credentials in them) stay out of the logs.
    serializers: {
      req: ({ id, method, url, remoteAddress }) => ({ id, method, url, remoteAddress }),
      res: ({ statusCode }) => ({ statusCode }),
    },
  });
}
