import { HttpException, HttpStatus } from '@nestjs/common';

/** 403 when the tenant's policy does not allow the action (or fail_mode closed applied). */
export class PolicyDeniedException extends HttpException {
  constructor() {
    super(
      { statusCode: HttpStatus.FORBIDDEN, error: 'Forbidden', message: 'forbidden by policy' },
      HttpStatus.FORBIDDEN,
    );
  }
}
