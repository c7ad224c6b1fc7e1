import { randomUUID } from 'node:crypto';

// A request id from a proxy is reused when it looks like one; otherwise a new one is made.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Tags every request with an id that hapi-pino puts on each log line and that
 * is sent back in the `x-request-id` header. Registered before hapi-pino.
 */
export const requestIdPlugin = {
  name: 'request-id',
  register(server) {
    server.ext('onRequest', (request, h) => {
      const incoming = request.headers['x-request-id'];
      // hapi's own id names the host and process; a random one tells a client nothing.
      request.info.id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      return h.continue;
    });

    server.ext('onPreResponse', (request, h) => {
      const { response } = request;
      if (response.isBoom) response.output.headers['x-request-id'] = request.info.id;
      else response.header('x-request-id', request.info.id);
      return h.continue;
    });
  },
};
