import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { CONFIG_FILE_ENV } from './config-schema';
import type { CoreSdkModuleOptions } from './core-sdk-options.interface';
import { OPTIONS_SOURCE, showValue } from './setting-origin';

const DEFAULT_FILE_NAME = 'coresdk.toml';

/** A toml file that was found and parsed. */
export interface LoadedTomlFile {
  /** Absolute path. */
  path: string;
  /** The path as messages show it: relative to the working directory when inside it. */
  display: string;
  document: Record<string, unknown>;
}

/**
 * Finds and parses the toml file: `options.configFile`, else `CORESDK_CONFIG`, else
 * `./coresdk.toml` when it exists. Only the default may be missing; a file someone named
 * explicitly must exist, or the service would silently run on defaults.
 */
export function loadTomlFile(
  options: CoreSdkModuleOptions,
  env: Record<string, string | undefined>,
  cwd: string,
  problems: string[],
): LoadedTomlFile | null {
  const located = locate(options, env, cwd, problems);
  if (!located) return null;
  const { path, namedBy } = located;
  const display = displayPath(path, cwd);
  if (!existsSync(path)) {
    if (namedBy)
      problems.push(`${namedBy} names ${display}, which does not exist: ${fixFor(namedBy)}`);
    return null;
  }
  if (!statSync(path).isFile()) {
    problems.push(
      `${namedBy ?? display} names ${display}, which is not a file: point it at a .toml file`,
    );
    return null;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(
      `${display}: cannot be read (${errorMessage(error)}): check the file's permissions`,
    );
    return null;
  }
  try {
    return { path, display, document: parse(text) as Record<string, unknown> };
  } catch (error) {
    problems.push(syntaxProblem(display, error));
    return null;
  }
}

function locate(
  options: CoreSdkModuleOptions,
  env: Record<string, string | undefined>,
  cwd: string,
  problems: string[],
): { path: string; namedBy: string | null } | null {
  const fromOptions = options.configFile;
  if (fromOptions === false) return null;
  if (fromOptions !== undefined) {
    if (typeof fromOptions !== 'string' || fromOptions.trim() === '') {
      problems.push(
        `${OPTIONS_SOURCE}: configFile = ${showValue(fromOptions)} is not valid: pass the path ` +
          'of a toml file, or false to read none',
      );
      return null;
    }
    return { path: resolve(cwd, fromOptions), namedBy: `${OPTIONS_SOURCE}: configFile` };
  }
  const fromEnv = env[CONFIG_FILE_ENV]?.trim();
  if (fromEnv) return { path: resolve(cwd, fromEnv), namedBy: `env ${CONFIG_FILE_ENV}` };
  return { path: resolve(cwd, DEFAULT_FILE_NAME), namedBy: null };
}

function fixFor(namedBy: string): string {
  return namedBy.startsWith('env')
    ? `fix the path, or unset ${CONFIG_FILE_ENV} to use ./${DEFAULT_FILE_NAME} when present`
    : 'fix the path, or pass configFile: false to read no file';
}

/** `coresdk.toml:3:7: invalid TOML (...): fix the syntax at line 3, column 7` */
function syntaxProblem(display: string, error: unknown): string {
  if (error instanceof TomlError) {
    const reason = error.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    return (
      `${display}:${error.line}:${error.column}: invalid TOML (${reason}): fix the syntax at ` +
      `line ${error.line}, column ${error.column} (see https://toml.io)`
    );
  }
  return `${display}: invalid TOML (${errorMessage(error)}): fix the file's syntax (see https://toml.io)`;
}

function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
