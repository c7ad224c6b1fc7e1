import {MiddlewareSequence} from '@loopback/rest';

/**
 * The request pipeline: LoopBack's middleware-based sequence (CORS, route
 * lookup, authentication, parameter parsing, invocation, response). Our own
 * middleware is registered in application.ts.
 */
export class MySequence extends MiddlewareSequence {}
