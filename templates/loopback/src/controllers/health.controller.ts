import {inject} from '@loopback/core';
import {get, HttpErrors} from '@loopback/rest';
import {DbDataSource} from '../datasources';

/** How long /health waits for the database before answering 503. */
const healthTimeoutMs = 2000;

export class HealthController {
  constructor(@inject('datasources.db') private readonly db: DbDataSource) {}

  @get('/health', {
    responses: {
      '200': {
        description: 'The service and its database answer',
        content: {
          'application/json': {
            schema: {type: 'object', properties: {status: {type: 'string'}}},
          },
        },
      },
      '503': {description: 'The database does not answer'},
    },
  })
  async health(): Promise<{status: string}> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), healthTimeoutMs);
    });
    try {
      await Promise.race([this.db.check(), timeout]);
    } catch {
      throw new HttpErrors.ServiceUnavailable('Database unreachable');
    } finally {
      clearTimeout(timer);
    }
    return {status: 'ok'};
  }
}
