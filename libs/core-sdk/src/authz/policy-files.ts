import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface PolicyFile {
  path: string;
  source: string;
}

export interface PolicyFiles {
  /** `global.rego` plus any other non-test `.rego` file beside it (shared helpers). */
  shared: PolicyFile[];
  /** `tenants/<id>.rego`, keyed by the id taken from the file name (not yet validated). */
  tenantOverrides: Map<string, PolicyFile>;
}

const isPolicy = (name: string): boolean => name.endsWith('.rego') && !name.endsWith('_test.rego');

/**
 * Reads the policy directory. File names come from the file system, never from a request:
 * the tenant ids found here are matched against declared, validated tenants by the caller.
 */
export function readPolicyFiles(dir: string): PolicyFiles {
  const globalFile = join(dir, 'global.rego');
  if (!existsSync(globalFile)) {
    throw new Error(
      `[policies].dir: ${globalFile} not found. Create it (package coresdk.authz) or point ` +
        '[policies].dir / CORESDK_POLICY_DIR at the folder that holds global.rego.',
    );
  }
  const shared = readdirSync(dir)
    .filter((name) => isPolicy(name) && statSync(join(dir, name)).isFile())
    .sort((a, b) => (a === 'global.rego' ? -1 : b === 'global.rego' ? 1 : a.localeCompare(b)))
    .map((name) => read(join(dir, name)));

  const tenantOverrides = new Map<string, PolicyFile>();
  const tenantsDir = join(dir, 'tenants');
  if (existsSync(tenantsDir)) {
    for (const name of readdirSync(tenantsDir).sort()) {
      if (!isPolicy(name) || !statSync(join(tenantsDir, name)).isFile()) continue;
      tenantOverrides.set(basename(name, '.rego'), read(join(tenantsDir, name)));
    }
  }
  return { shared, tenantOverrides };
}

function read(path: string): PolicyFile {
  return { path, source: readFileSync(path, 'utf8') };
}
