import type { TenantLimits, TenantPolicySource } from './tenant-record.interface';

/** What `create` accepts. */
export interface CreateTenantInput {
  id: string;
  displayName?: string | null;
  attributes?: Record<string, unknown>;
  limits?: TenantLimits | null;
  policy?: TenantPolicySource | null;
  /** Default `active`. */
  status?: 'active' | 'disabled';
}

/** What `update` accepts: every field optional; `attributes` replaces the whole object. */
export type UpdateTenantInput = Omit<CreateTenantInput, 'id'>;

const MAX_POLICY_BYTES = 256 * 1024;
const MAX_ATTRIBUTES_BYTES = 64 * 1024;
/** Keys the registry fills itself in `data.tenants[id]`. */
const RESERVED_ATTRIBUTES = ['id', 'display_name'];
const CREATE_FIELDS = ['id', 'displayName', 'attributes', 'limits', 'policy', 'status'];

/**
 * Checks untrusted input (the admin API's JSON body, or a program's call) field by field
 * and returns every problem, so one response tells the caller all it must fix.
 */
export function checkTenantInput(
  input: unknown,
  mode: 'create' | 'update',
  tenantIdPattern: RegExp,
): string[] {
  if (!isPlainObject(input)) return ['the body must be a JSON object'];
  const problems: string[] = [];
  const allowed = mode === 'create' ? CREATE_FIELDS : CREATE_FIELDS.slice(1);
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) problems.push(`unknown field ${key}: use ${allowed.join(', ')}`);
  }
  if (mode === 'create') problems.push(...checkTenantId(input.id, tenantIdPattern));
  const { displayName, attributes, limits, policy, status } = input;
  if (displayName !== undefined && displayName !== null && !isShortText(displayName, 200)) {
    problems.push('displayName must be a string of 1 to 200 characters, or null');
  }
  if (attributes !== undefined) problems.push(...checkAttributes(attributes));
  if (limits !== undefined && limits !== null) problems.push(...checkLimits(limits));
  if (policy !== undefined && policy !== null) problems.push(...checkPolicy(policy));
  if (status !== undefined && status !== 'active' && status !== 'disabled') {
    problems.push('status must be "active" or "disabled" (delete a tenant with DELETE)');
  }
  return problems;
}

export function checkTenantId(id: unknown, pattern: RegExp): string[] {
  if (typeof id !== 'string' || id.length === 0 || id.length > 128 || !pattern.test(id)) {
    return [`id must be a tenant id matching ${pattern.source}`];
  }
  return [];
}

export function checkLimits(limits: unknown): string[] {
  if (!isPlainObject(limits)) return ['limits must be an object { requests?, windowMs? } or null'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(limits)) {
    if (key !== 'requests' && key !== 'windowMs') {
      problems.push(`unknown field limits.${key}: use requests, windowMs`);
    } else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      problems.push(`limits.${key} must be a whole number of 1 or more`);
    }
  }
  return problems;
}

export function checkPolicy(policy: unknown): string[] {
  if (!isPlainObject(policy) || typeof policy.source !== 'string') {
    return ['policy must be { path?, source } with source the Rego text, or null'];
  }
  const problems: string[] = [];
  if (policy.path !== undefined && !isShortText(policy.path, 200)) {
    problems.push('policy.path must be a string of 1 to 200 characters');
  }
  if (Buffer.byteLength(policy.source, 'utf8') > MAX_POLICY_BYTES) {
    problems.push(`policy.source is larger than ${MAX_POLICY_BYTES} bytes`);
  }
  return problems;
}

function checkAttributes(attributes: unknown): string[] {
  if (!isPlainObject(attributes)) return ['attributes must be a JSON object'];
  const problems: string[] = [];
  const reserved = Object.keys(attributes).filter((key) => RESERVED_ATTRIBUTES.includes(key));
  if (reserved.length > 0) {
    problems.push(`attributes must not set ${reserved.join(', ')}: the registry fills them`);
  }
  const accept = attributes.accept_cross_tenant;
  if (
    accept !== undefined &&
    accept !== true &&
    accept !== false &&
    !(Array.isArray(accept) && accept.every((item) => typeof item === 'string'))
  ) {
    problems.push('attributes.accept_cross_tenant must be true, false or a list of tenant ids');
  }
  if (Buffer.byteLength(JSON.stringify(attributes), 'utf8') > MAX_ATTRIBUTES_BYTES) {
    problems.push(`attributes are larger than ${MAX_ATTRIBUTES_BYTES} bytes of JSON`);
  }
  return problems;
}

function isShortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}
