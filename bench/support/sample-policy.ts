import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's real policy files (`policies/`), read at run time, never copied. */
export const POLICY_DIR = join(__dirname, '..', '..', 'policies');

export interface RegoFile {
  path: string;
  source: string;
}

export function readSamplePolicy(): { global: RegoFile; acmeOverride: RegoFile } {
  const read = (path: string): RegoFile => ({
    path,
    source: readFileSync(join(POLICY_DIR, path), 'utf8'),
  });
  return { global: read('global.rego'), acmeOverride: read('tenants/acme-corp.rego') };
}
