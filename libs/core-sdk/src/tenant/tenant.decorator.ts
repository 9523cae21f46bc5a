import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requireVerifiedTenant } from './request-tenant';

/** Handler parameter: the verified tenant id of the request. */
export const Tenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    requireVerifiedTenant(context.switchToHttp().getRequest<object>(), '@Tenant()').tenantId,
);
