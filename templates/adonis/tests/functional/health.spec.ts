import { test } from '@japa/runner'

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

  test('a body over the size limit is a 413', async ({ client }) => {
    const response = await client.post('/api/todos').json({ title: 'x'.repeat(200 * 1024) })

    response.assertStatus(413)
  })

  test('answers a CORS preflight', async ({ client }) => {
    const response = await client
      .options('/api/todos')
      .header('origin', 'https://example.com')
      .header('access-control-request-method', 'POST')

    response.assertStatus(204)
    response.assertHeader('access-control-allow-origin', '*')
  })
})
