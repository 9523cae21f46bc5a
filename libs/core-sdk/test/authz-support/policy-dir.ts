import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A policy directory written to a temp folder for one test file. */
export interface PolicyDir {
  dir: string;
  remove(): void;
}

/**
 * Writes `files` (relative path → Rego source, e.g. `tenants/acme.rego`) into a fresh temp
 * folder. Tests never touch the repository's own `policies/`.
 */
export function writePolicyDir(files: Record<string, string>): PolicyDir {
  const dir = mkdtempSync(join(tmpdir(), 'coresdk-policies-'));
  for (const [relativePath, source] of Object.entries(files)) {
    const path = join(dir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The global policy of the authz specs. Every rule keys on one field of the documented
 * input, so each test shows that field reaching the policy.
 */
export const GLOBAL_POLICY = `package coresdk.authz

default allow := false

# Every verified user may read products.
allow if input.action == "products:read"

# Writing needs an editor role claim (input.user is the verified claims).
allow if {
	input.action == "products:write"
	input.user.role == "editor"
}

# Reports need the tenant's plan attribute from [[tenants]] (data.tenants).
allow if {
	input.action == "reports:read"
	data.tenants[input.tenant_id].plan == "pro"
}

# A document is readable by its owner only (input.resource from @Authorize({ resource })).
allow if {
	input.action == "documents:read"
	input.resource.owner == input.user.sub
}

# The input document is exactly { action, tenant_id, user, resource, request }.
allow if {
	input.action == "input:inspect"
	count(input) == 5
	input.request.method == "GET"
	input.request.path == "/inspect/item-7"
	input.resource == {"id": "item-7"}
	input.tenant_id == input.user.tenant_id
}

# Tries to read another tenant's attributes: must never be able to.
allow if {
	input.action == "tenants:peek"
	data.tenants.globex.plan
}

# A non-boolean decision is a deny.
allow := "yes" if input.action == "not:boolean"

# Two different values for one complete rule: an evaluation error (the module traps).
conflicting := 1 if input.action == "engine:trap"

conflicting := 2 if input.action == "engine:trap"

allow if {
	input.action == "engine:trap"
	conflicting == 1
}
`;

/** acme's override, as in the CoreSDK documentation: acme has the analytics add-on. */
export const ACME_OVERRIDE = `package coresdk.authz

allow if input.action == "analytics:read"
`;

/** Policy files of the authz specs: global, acme's override, and one for an undeclared tenant. */
export function standardPolicyFiles(): Record<string, string> {
  return {
    'global.rego': GLOBAL_POLICY,
    'tenants/acme.rego': ACME_OVERRIDE,
    // No such declared tenant: startup warns and never compiles it.
    'tenants/initech.rego': 'package coresdk.authz\n\nallow if true\n',
  };
}
