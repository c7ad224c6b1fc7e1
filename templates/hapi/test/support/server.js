import { createServer } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openTestDatabase } from './database.js';

/**
 * Builds the server with its own test database and initializes it without
 * listening: `request()` goes through server.inject(), no network involved;
 * `close()` stops the server and drops the database.
 */
export async function startServer(env = {}, options = {}) {
  const database = await openTestDatabase();
  // A cheap password hash keeps the suite fast (production uses 17 or more).
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret', PASSWORD_HASH_COST: '10', ...env });
  const server = await createServer({ config, database, ...options });
  await server.initialize();

  return {
    server,

    /** Sends `json` as a JSON body (or `body` as is); answers { status, headers, body }. */
    async request(path, { method = 'GET', token, json, body, headers = {} } = {}) {
      if (json !== undefined) {
        headers = { 'content-type': 'application/json', ...headers };
        body = JSON.stringify(json);
      }
      if (token) headers = { authorization: `Bearer ${token}`, ...headers };

      const response = await server.inject({ url: path, method, headers, payload: body });
      const isJson = response.headers['content-type']?.startsWith('application/json');
      return {
        status: response.statusCode,
        headers: new Headers(response.headers),
        body: isJson ? JSON.parse(response.payload) : response.payload,
      };
    },

    async close() {
      await server.stop();
      await database.close();
    },
  };
}
