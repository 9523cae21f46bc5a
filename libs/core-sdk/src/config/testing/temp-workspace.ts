import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CoreSdkConfigError } from '../../errors/core-sdk-config.error';
import type { CoreSdkConfig } from '../core-sdk-config.interface';
import type { CoreSdkModuleOptions } from '../core-sdk-options.interface';
import { resolveCoreSdkConfig } from '../resolve-config';

/** A throw-away working directory for config specs (never the repository's own files). */
export interface TempWorkspace {
  dir: string;
  /** Writes a file below the workspace and returns its absolute path. */
  write(relativePath: string, content: string): string;
  /** Resolves with this workspace as the working directory, optionally writing coresdk.toml. */
  resolve(input?: {
    toml?: string;
    env?: Record<string, string | undefined>;
    options?: CoreSdkModuleOptions;
  }): CoreSdkConfig;
  /** Like `resolve`, but expects a CoreSdkConfigError and returns it. */
  fail(input?: {
    toml?: string;
    env?: Record<string, string | undefined>;
    options?: CoreSdkModuleOptions;
  }): CoreSdkConfigError;
  remove(): void;
}

export function createTempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'coresdk-config-'));
  const workspace: TempWorkspace = {
    dir,
    write(relativePath, content) {
      const path = join(dir, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    resolve({ toml, env = {}, options = {} } = {}) {
      if (toml !== undefined) workspace.write('coresdk.toml', toml);
      return resolveCoreSdkConfig(options, env, dir);
    },
    fail(input) {
      try {
        workspace.resolve(input);
      } catch (error) {
        if (error instanceof CoreSdkConfigError) return error;
        throw error;
      }
      throw new Error('expected a CoreSdkConfigError, but the configuration resolved');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}

/** The smallest valid auth section: one key source. */
export const JWKS_URI_TOML = '[auth]\njwks_uri = "https://issuer.example/.well-known/jwks.json"\n';
