import { once } from 'node:events';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openTestDatabase } from './database.js';

/**
 * Starts the app on a random loopback port with its own test database, with
 * `env` over the test configuration and `options` passed to createApp.
 * `request()` calls it with fetch; `close()` stops the server and drops the database.
 */
export async function startServer(env = {}, options = {}) {
  const database = await openTestDatabase();
  // A cheap password hash keeps the suite fast (production uses 17 or more).
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret', PASSWORD_HASH_COST: '10', ...env });
  const server = createApp({ config, database, logger: pino({ level: config.logLevel }), ...options }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${server.address().port}`;

  return {
    /** Sends `json` as a JSON body (or `body` as is); answers { status, headers, body }. */
    async request(path, { method = 'GET', token, json, body, headers = {} } = {}) {
      if (json !== undefined) {
        headers = { 'content-type': 'application/json', ...headers };
        body = JSON.stringify(json);
      }
      if (token) headers = { authorization: `Bearer ${token}`, ...headers };

      const response = await fetch(baseUrl + path, { method, headers, body });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.startsWith('application/json');
      return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
    },

    async close() {
      server.close();
      await once(server, 'close');
      await database.close();
    },
  };
}
