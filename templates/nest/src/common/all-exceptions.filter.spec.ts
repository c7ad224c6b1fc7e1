import {
  Controller,
  Get,
  HttpException,
  HttpStatus,
  type INestApplication,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

@Controller()
class FailingController {
  @Get('bug')
  bug(): never {
    throw new Error('connect ECONNREFUSED db.internal:5432');
  }

  @Get('teapot')
  teapot(): never {
    // An HttpException made from a plain string still answers JSON.
    throw new HttpException('short and stout', HttpStatus.I_AM_A_TEAPOT);
  }
}

describe('AllExceptionsFilter', () => {
  let app: INestApplication<App>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FailingController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1'); // see test/app.e2e-spec.ts
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers an unexpected error with a bare JSON 500', async () => {
    const res = await request(app.getHttpServer()).get('/bug').expect(500);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toEqual({
      statusCode: 500,
      message: 'Internal server error',
    });
  });

  it('answers an HttpException with a string message as JSON', async () => {
    const res = await request(app.getHttpServer()).get('/teapot').expect(418);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toEqual({ statusCode: 418, message: 'short and stout' });
  });
});
