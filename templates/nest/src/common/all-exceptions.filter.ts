import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** Errors raised outside Nest (e.g. by the JSON body parser) carry their status like this. */
interface HttpError extends Error {
  status: number;
  expose?: boolean;
}

function isHttpError(exception: unknown): exception is HttpError {
  return (
    exception instanceof Error &&
    typeof (exception as Partial<HttpError>).status === 'number' &&
    (exception as HttpError).status >= 400 &&
    (exception as HttpError).status < 500
  );
}

/**
 * The one place that turns an exception into a response. Client errors keep
 * Nest's JSON shape; anything unexpected is logged with its stack and answered
 * with a bare 500, so internals never reach the client (the stack is added to
 * the body only when NODE_ENV is development).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse<unknown>();

    if (exception instanceof HttpException) {
      httpAdapter.reply(
        response,
        exception.getResponse(),
        exception.getStatus(),
      );
      return;
    }
    if (isHttpError(exception)) {
      const status = exception.status;
      const body = {
        statusCode: status,
        message: exception.expose === false ? 'Bad Request' : exception.message,
        error:
          status === HttpStatus.PAYLOAD_TOO_LARGE
            ? 'Payload Too Large'
            : 'Bad Request',
      };
      httpAdapter.reply(response, body, status);
      return;
    }

    this.logger.error(
      exception instanceof Error
        ? (exception.stack ?? exception.message)
        : exception,
    );
    const body: Record<string, unknown> = {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      message: 'Internal server error',
    };
    if (process.env.NODE_ENV === 'development' && exception instanceof Error) {
      body.stack = exception.stack;
    }
    httpAdapter.reply(response, body, HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
