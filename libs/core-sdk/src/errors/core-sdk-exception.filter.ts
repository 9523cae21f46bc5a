import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Observable, throwError } from 'rxjs';
import { AuthenticationFailedException } from './authentication-failed.exception';

const INTERNAL_ERROR_BODY = Object.freeze({
  statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
  error: 'Internal Server Error',
  message: 'internal server error',
});

/**
 * The last line of defence for every HTTP response: an `HttpException` keeps its own
 * status and JSON body, anything else becomes a fixed generic 500 whose details (message,
 * stack) go to the log only. Written against `HttpAdapterHost` so Express and Fastify
 * produce byte-identical responses.
 */
@Catch()
export class CoreSdkExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('CoreSdk');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() !== 'http') {
      // Microservice transports in a hybrid app expect the error back as an Observable,
      // to answer through their own channel; this filter only shapes HTTP responses.
      return throwError(() => exception);
    }
    const adapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse();
    if (adapter.isHeadersSent(response)) {
      this.logger.error('error after the response was sent', errorStack(exception));
      return;
    }
    if (exception instanceof AuthenticationFailedException) {
      adapter.setHeader(response, 'WWW-Authenticate', exception.challenge);
    }
    if (exception instanceof HttpException) {
      adapter.reply(response, httpExceptionBody(exception), exception.getStatus());
      return;
    }
    this.logger.error('unhandled error', errorStack(exception));
    adapter.reply(response, INTERNAL_ERROR_BODY, HttpStatus.INTERNAL_SERVER_ERROR);
  }
}

/** Same shape Nest's default filter gives: an object response as is, a string wrapped. */
function httpExceptionBody(exception: HttpException): object {
  const response = exception.getResponse();
  return typeof response === 'object' && response !== null
    ? response
    : { statusCode: exception.getStatus(), message: response };
}

function errorStack(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
