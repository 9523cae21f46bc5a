import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A 403 for a correctly signed token whose tenant is well-formed but not one of the
 * tenants this service declares. Authentication succeeded; the tenant is just not served.
 */
export class TenantForbiddenException extends HttpException {
  constructor() {
    super(
      { statusCode: HttpStatus.FORBIDDEN, error: 'Forbidden', message: 'tenant not allowed' },
      HttpStatus.FORBIDDEN,
    );
  }
}
