import {Client, expect} from '@loopback/testlab';
import {ApiApplication} from '../..';
import {setupApplication, stopApplication} from './test-helper';

describe('HealthController', () => {
  let app: ApiApplication;
  let client: Client;

  before(async () => {
    ({app, client} = await setupApplication());
  });

  after(async () => {
    await stopApplication(app);
  });

  it('answers 200 with the database up', async () => {
    const res = await client.get('/health').expect(200);
    expect(res.body).to.eql({status: 'ok'});
  });

  it('sends security headers', async () => {
    const res = await client.get('/health');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('sends back the X-Request-Id of a load balancer, or a new one', async () => {
    const given = await client.get('/health').set('X-Request-Id', 'lb-123');
    expect(given.headers['x-request-id']).to.equal('lb-123');
    const made = await client.get('/health');
    expect(made.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 JSON', async () => {
    await client
      .get('/no/such/route')
      .expect(404)
      .expect('Content-Type', /json/);
  });

  it('answers a CORS preflight', async () => {
    const res = await client
      .options('/api/todos')
      .set('Origin', 'https://example.com')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).to.equal('*');
  });
});
