import { SetMetadata } from '@nestjs/common';
import { PUBLIC_ROUTE_METADATA } from '../core-sdk.constants';

/**
 * Opts a route handler, or every handler of a controller, out of authentication. The
 * handler then has no tenant: `@Tenant()`, `@Claims()` and `TenantContext` throw there.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(PUBLIC_ROUTE_METADATA, true);
