import { SetMetadata } from '@nestjs/common';

export interface AuthorizeOptions {
  /** The action the policy decides on, e.g. `analytics:read`. */
  action: string;
  /**
   * Resource attributes for the policy input (`input.resource`), computed from the request
   * (Express or Fastify request object), e.g. `(req) => ({ id: req.params.id })`.
   */
  resource?: (request: any) => unknown;
}

export const AUTHORIZE_METADATA = 'CORE_SDK:AUTHORIZE';

/**
 * Requires the tenant's policy to allow `action` before the handler runs. On a controller it
 * applies to every handler; on a handler it overrides the controller's.
 */
export function Authorize(
  actionOrOptions: string | AuthorizeOptions,
): ClassDecorator & MethodDecorator {
  const options =
    typeof actionOrOptions === 'string' ? { action: actionOrOptions } : actionOrOptions;
  if (typeof options.action !== 'string' || options.action.length === 0) {
    throw new Error('@Authorize needs a non-empty action, e.g. @Authorize("analytics:read")');
  }
  return SetMetadata(AUTHORIZE_METADATA, Object.freeze({ ...options }));
}
