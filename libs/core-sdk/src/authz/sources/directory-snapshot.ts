import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { CoreSdkConfig } from '../../config/core-sdk-config.interface';
import { compileModule } from '../compile-module';
import { PolicyFile, readPolicyFiles } from '../policy-files';
import { PolicySourceError } from '../policy-source.error';
import type { CompiledModule, PolicySnapshot } from '../policy-snapshot.interface';

const logger = new Logger('CoreSdkPolicies');

/**
 * Reads and compiles a policy directory: `global.rego` (+ helpers beside it) as the global
 * module and each declared tenant's `tenants/<id>.rego` compiled together with it. Throws
 * PolicySourceError with positioned diagnostics when a module does not compile.
 */
export function readDirectorySnapshot(config: CoreSdkConfig): PolicySnapshot {
  const dir = config.policies.dir;
  let files;
  try {
    files = readPolicyFiles(dir);
  } catch (error) {
    throw PolicySourceError.unreadable(`dir:${dir}`, (error as Error).message);
  }
  const declared = new Set(config.tenants.map((tenant) => tenant.id));
  const options = {
    entrypoint: config.policies.entrypoint,
    regoVersion: config.policies.regoVersion,
  };
  const global = compiled('global', files.shared, options);
  const tenants = new Map<string, CompiledModule>();
  for (const [id, file] of files.tenantOverrides) {
    // Only a declared tenant (or, with no tenant list, a well-formed id) gets a module.
    const known = declared.size === 0 ? config.auth.tenantIdPattern.test(id) : declared.has(id);
    if (!known) {
      logger.warn(`${file.path}: no declared tenant "${id}" in [[tenants]]; the file is ignored`);
      continue;
    }
    tenants.set(id, compiled(`tenant:${id}`, [...files.shared, file], options));
  }
  logger.log(`compiled the global policy and ${tenants.size} tenant override(s) from ${dir}`);
  return {
    revision: contentRevision([...files.shared, ...files.tenantOverrides.values()]),
    origin: `dir:${dir}`,
    global,
    tenants,
    data: {},
    sharedSources: files.shared,
  };
}

function compiled(
  name: string,
  files: PolicyFile[],
  options: Parameters<typeof compileModule>[2],
): CompiledModule {
  const result = compileModule(name, files, options);
  if (!result.ok) throw PolicySourceError.compileFailed(name, result.diagnostics);
  return result.module;
}

/** Equal files give equal revisions, so a log line shows whether anything changed. */
function contentRevision(files: PolicyFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`\0${file.path}\0`).update(file.source);
  return `dir-${hash.digest('hex').slice(0, 12)}`;
}
