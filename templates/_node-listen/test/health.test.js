import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

test('GET /health answers 503 when the database is unreachable', async () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const database = {
    async ping() {
      throw new Error('connection refused');
    },
  };
  const server = createApp({ config, database, logger: pino({ level: config.logLevel }) }).listen(0, '127.0.0.1');
  await once(server, 'listening');

  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}/health`);
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: 'unavailable' });
  } finally {
    server.close();
  }
});

test('GET /health answers 503 within about 2 s when the database hangs', async () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const database = { ping: () => new Promise(() => {}) };
  const server = createApp({ config, database, logger: pino({ level: config.logLevel }) }).listen(0, '127.0.0.1');
  await once(server, 'listening');

  try {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.address().port}/health`);
    assert.equal(response.status, 503);
    assert.ok(performance.now() - started < 3_000, 'bounded by the health timeout');
  } finally {
    server.close();
  }
});
