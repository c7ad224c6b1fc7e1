import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from './support/server.js';

let api;
before(async () => {
  api = await startServer({ BODY_LIMIT: '1kb' });
});
after(() => api.close());

test('GET /health answers ok', async () => {
  const response = await api.request('/health');

  assert.equal(response.status, 200);
  assert.deepEqual(response.body, { status: 'ok' });
});

test('sets security and CORS headers', async () => {
  const { headers } = await api.request('/health', { headers: { origin: 'https://example.com' } });

  assert.equal(headers.get('x-content-type-options'), 'nosniff');
  assert.equal(headers.get('access-control-allow-origin'), '*');
  assert.equal(headers.get('x-powered-by'), null);
});

test('echoes the request id, or makes one', async () => {
  const given = await api.request('/health', { headers: { 'x-request-id': 'abc-123' } });
  const made = await api.request('/health');

  assert.equal(given.headers.get('x-request-id'), 'abc-123');
  assert.match(made.headers.get('x-request-id'), /^[0-9a-f-]{36}$/);
});

test('answers unknown routes with a JSON 404', async () => {
  const response = await api.request('/nope');

  assert.equal(response.status, 404);
  assert.deepEqual(response.body, { error: 'Cannot GET /nope' });
});

test('rejects malformed JSON with 400', async () => {
  const response = await api.request('/api/todos', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"title":',
  });

  assert.equal(response.status, 400);
  assert.equal(typeof response.body.error, 'string');
  assert.equal(response.body.stack, undefined);
});

test('rejects a body over the size limit with 413', async () => {
  const response = await api.request('/api/todos', { method: 'POST', json: { title: 'x'.repeat(2048) } });

  assert.equal(response.status, 413);
  assert.equal(typeof response.body, 'object', 'a JSON error');
});

test('answers every error in JSON, whoever raises it', async () => {
  for (const [method, path] of [
    ['GET', '/nope'],
    ['DELETE', '/health'],
    ['PUT', '/api/auth/login'],
    ['POST', '/api/auth/me'],
  ]) {
    const response = await api.request(path, { method });
    assert.ok([404, 405].includes(response.status), `${method} ${path}: ${response.status}`);
    assert.equal(typeof response.body, 'object', `${method} ${path}: a JSON error`);
  }
});
