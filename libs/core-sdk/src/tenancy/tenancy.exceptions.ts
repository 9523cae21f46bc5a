import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Request-time failures of the provisioning API. Each has a stable JSON body
 * `{ statusCode, error, message }` plus, where useful, `problems` or `diagnostics`.
 */
export class TenantNotFoundException extends HttpException {
  constructor(tenantId: string) {
    super(
      { statusCode: 404, error: 'Not Found', message: `no tenant ${JSON.stringify(tenantId)}` },
      HttpStatus.NOT_FOUND,
    );
  }
}

export class TenantExistsException extends HttpException {
  constructor(tenantId: string) {
    super(
      {
        statusCode: 409,
        error: 'Conflict',
        message: `tenant ${JSON.stringify(tenantId)} already exists: update it instead`,
      },
      HttpStatus.CONFLICT,
    );
  }
}

/** 400: the request body or tenant id is malformed; `problems` lists every issue. */
export class TenantInputInvalidException extends HttpException {
  constructor(readonly problems: string[]) {
    super(
      { statusCode: 400, error: 'Bad Request', message: 'invalid tenant input', problems },
      HttpStatus.BAD_REQUEST,
    );
  }
}

/** 422: the tenant policy did not compile or validate; nothing was stored or changed. */
export class TenantPolicyRejectedException extends HttpException {
  constructor(readonly diagnostics: string[]) {
    super(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'tenant policy rejected',
        diagnostics,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}

/** 409: provisioning is off, or policies are not compiled in this application. */
export class TenancyUnavailableException extends HttpException {
  constructor(reason: string) {
    super({ statusCode: 409, error: 'Conflict', message: reason }, HttpStatus.CONFLICT);
  }
}
