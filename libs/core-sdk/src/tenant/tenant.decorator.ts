import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { httpRequestOf } from '../http-context';
import { requireVerifiedTenant } from './request-tenant';

/** Handler parameter: the verified tenant id of the request. */
export const Tenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    requireVerifiedTenant(httpRequestOf<object>(context), '@Tenant()').tenantId,
);
