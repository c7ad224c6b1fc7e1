import {inject} from '@loopback/core';
import {get, HttpErrors} from '@loopback/rest';
import {DbDataSource} from '../datasources';

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
    try {
      await this.db.check();
    } catch {
      throw new HttpErrors.ServiceUnavailable('Database unreachable');
    }
    return {status: 'ok'};
  }
}
