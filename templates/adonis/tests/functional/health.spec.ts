import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

test.group('Health', () => {
  test('GET /health answers ok when the database does', async ({ client }) => {
    const response = await client.get('/health')

    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
    response.assertHeader('x-content-type-options', 'nosniff')
  })

  test('an unknown route is a JSON 404', async ({ client, assert }) => {
    const response = await client.get('/no/such/route')

    response.assertStatus(404)
    assert.include(response.header('content-type'), 'application/json')
  })

  test('malformed JSON is a 400', async ({ client }) => {
    const response = await client.post('/api/todos').unsafeJson('{"title": ')

    response.assertStatus(400)
  })

  test('a body over the size limit is a JSON 413', async ({ client, assert }) => {
    const response = await client.post('/api/todos').json({ title: 'x'.repeat(200 * 1024) })

    response.assertStatus(413)
    assert.include(response.header('content-type'), 'application/json')
  })

  test('a method the route does not take is a JSON error', async ({ client, assert }) => {
    const response = await client.put('/health')

    assert.oneOf(response.status(), [404, 405])
    assert.include(response.header('content-type'), 'application/json')
  })

  test('GET /health answers 503 within about 2 s when the database does not answer', async ({
    client,
    assert,
    cleanup,
  }) => {
    const rawQuery = db.rawQuery
    db.rawQuery = () => new Promise(() => {}) as never
    cleanup(() => {
      db.rawQuery = rawQuery
    })

    const start = Date.now()
    const response = await client.get('/health')

    response.assertStatus(503)
    assert.isBelow(Date.now() - start, 3000)
  }).timeout(10_000)

  test('answers a CORS preflight', async ({ client }) => {
    const response = await client
      .options('/api/todos')
      .header('origin', 'https://example.com')
      .header('access-control-request-method', 'POST')

    response.assertStatus(204)
    response.assertHeader('access-control-allow-origin', '*')
  })
})
