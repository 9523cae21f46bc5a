import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 with a stable JSON body; the guard sets `Retry-After` before throwing it. */
export class RateLimitExceededException extends HttpException {
  constructor() {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: 'rate limit exceeded',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** 503 when the rate limit storage cannot answer and fail_mode is `closed`. */
export class RateLimitUnavailableException extends HttpException {
  constructor() {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'rate limit unavailable',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}
