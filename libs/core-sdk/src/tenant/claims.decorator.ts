import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { httpRequestOf } from '../http-context';
import { requireVerifiedTenant } from './request-tenant';
import type { TokenClaims } from './verified-tenant.interface';

/** Handler parameter: the verified token claims of the request, deep-frozen. */
export const Claims = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TokenClaims =>
    requireVerifiedTenant(httpRequestOf<object>(context), '@Claims()').claims,
);
