import {expect} from '@loopback/testlab';
import {HealthController} from '../../controllers/health.controller';
import {DbDataSource} from '../../datasources';

describe('HealthController (unit)', () => {
  it('answers 503 within about 2 s when the database does not answer', async () => {
    const silent = {check: () => new Promise<void>(() => {})};
    const health = new HealthController(silent as unknown as DbDataSource);
    const started = Date.now();
    await expect(health.health()).to.be.rejectedWith({statusCode: 503});
    expect(Date.now() - started).to.be.within(1900, 3000);
  });
});
