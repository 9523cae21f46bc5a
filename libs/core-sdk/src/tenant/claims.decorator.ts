import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requireVerifiedTenant } from './request-tenant';
import type { TokenClaims } from './verified-tenant.interface';

/** Handler parameter: the verified token claims of the request, deep-frozen. */
export const Claims = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TokenClaims =>
    requireVerifiedTenant(context.switchToHttp().getRequest<object>(), '@Claims()').claims,
);
