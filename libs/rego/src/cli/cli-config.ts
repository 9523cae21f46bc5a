/**
 * The parts of `coresdk.toml` the CLI uses: `[policies] rego_version` and `entrypoint`,
 * and the ids of `[[tenants]]`. The file is looked up in the working directory, then in
 * the policy directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';

export const DEFAULT_ENTRYPOINT = 'coresdk/authz/allow';

export interface CliConfig {
  /** Path of the toml file read, or null. */
  file: string | null;
  regoVersion: 'v0' | 'v1' | null;
  entrypoint: string | null;
  tenantIds: string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadCliConfig(searchDirs: readonly string[]): CliConfig {
  const file = searchDirs
    .map((dir) => join(dir, 'coresdk.toml'))
    .find((candidate) => existsSync(candidate));
  if (!file) return { file: null, regoVersion: null, entrypoint: null, tenantIds: [] };
  let document: Record<string, unknown>;
  try {
    document = parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const policies = (document.policies ?? {}) as Record<string, unknown>;
  const regoVersion = policies.rego_version;
  if (regoVersion !== undefined && regoVersion !== 'v0' && regoVersion !== 'v1') {
    throw new ConfigError(
      `${file}: [policies].rego_version must be "v0" or "v1", got ${JSON.stringify(regoVersion)}`,
    );
  }
  const entrypoint = policies.entrypoint;
  if (entrypoint !== undefined && typeof entrypoint !== 'string') {
    throw new ConfigError(
      `${file}: [policies].entrypoint must be a string such as "coresdk/authz/allow"`,
    );
  }
  const tenants = Array.isArray(document.tenants)
    ? (document.tenants as Array<Record<string, unknown>>)
    : [];
  // `[[tenants]]` is an array of tables whose keys are tenant ids (the CoreSDK shape:
  // `acme-corp = { display_name = "Acme Corp" }`); ids are validated by the caller.
  const tenantIds = tenants.flatMap((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(
        `${file}: [[tenants]] entry ${index + 1} must be a table of tenant ids`,
      );
    }
    return Object.keys(entry);
  });
  return {
    file,
    regoVersion: (regoVersion as 'v0' | 'v1' | undefined) ?? null,
    entrypoint: entrypoint ?? null,
    tenantIds,
  };
}
