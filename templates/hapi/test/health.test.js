import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';

test('GET /health answers 503 when the database is unreachable', async () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const database = {
    async ping() {
      throw new Error('connection refused');
    },
  };
  const server = await createServer({ config, database });
  await server.initialize();

  try {
    const response = await server.inject('/health');
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.result, { status: 'unavailable' });
  } finally {
    await server.stop();
  }
});

test('GET /health answers 503 within about 2 s when the database hangs', async () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const server = await createServer({ config, database: { ping: () => new Promise(() => {}) } });
  await server.initialize();

  try {
    const started = performance.now();
    const response = await server.inject('/health');
    assert.equal(response.statusCode, 503);
    assert.ok(performance.now() - started < 3_000, 'bounded by the health timeout');
  } finally {
    await server.stop();
  }
});
