import {
  type ArgumentsHost,
  Catch,
  HttpException,
  InternalServerErrorException,
  Logger,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * The one place that turns an exception into a response, on Nest's own
 * BaseExceptionFilter: every error leaves as JSON in Nest's shape
 * (`{statusCode, message, error?}`), whoever raised it: our code, the
 * ValidationPipe, the throttler (429), the router (404) or the body parser
 * (400, 413; Nest's Express adapter turns those into HttpExceptions).
 * Anything unexpected is logged with its stack and answered with a bare 500;
 * only with NODE_ENV=development does the stack go into the response too.
 */
@Catch()
export class AllExceptionsFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (
      process.env.NODE_ENV === 'development' &&
      exception instanceof Error &&
      !(exception instanceof HttpException) &&
      !this.isHttpError(exception)
    ) {
      this.logger.error(exception.message, exception.stack);
      super.catch(
        new InternalServerErrorException({
          statusCode: 500,
          message: 'Internal server error',
          stack: exception.stack?.split('\n'),
        }),
        host,
      );
      return;
    }
    super.catch(exception, host);
  }
}
