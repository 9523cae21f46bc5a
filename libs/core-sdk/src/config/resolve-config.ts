import type { CoreSdkConfig } from './core-sdk-config.interface';
import type { CoreSdkModuleOptions } from './core-sdk-options.interface';
import { CoreSdkConfigError } from '../errors/core-sdk-config.error';
import { buildConfig } from './build-config';
import { emptyLayer } from './config-layer';
import { readEnvLayer } from './env-layer';
import { mergeLayers } from './merge-layers';
import { readOptionsLayer } from './options-layer';
import { loadTomlFile } from './toml-file';
import { readTomlLayer } from './toml-layer';

/**
 * Produces the configuration every part of CoreSDK reads, from explicit options over
 * `CORESDK_*` variables over `coresdk.toml` over defaults. Every level is checked in full
 * and all problems are thrown together as one `CoreSdkConfigError`, so a broken setup
 * fails at startup with the complete list of fixes rather than one at a time.
 *
 * `cwd` is where `./coresdk.toml` is looked for and relative paths outside the file resolve.
 */
export function resolveCoreSdkConfig(
  options: CoreSdkModuleOptions = {},
  // `?.` because plain-JavaScript callers and async factories may pass null.
  env: Record<string, string | undefined> = options?.env ?? process.env,
  cwd: string = process.cwd(),
): CoreSdkConfig {
  options ??= {};
  const problems: string[] = [];
  const file = loadTomlFile(options, env, cwd, problems);
  // Without the file the merged result would be a guess; report the other levels' own
  // problems with it, but not conclusions (such as "no key source") drawn from a guess.
  const fileFailed = problems.length > 0;
  const tomlLayer = file ? readTomlLayer(file, problems) : emptyLayer('toml');
  const envLayer = readEnvLayer(env, cwd, problems);
  const optionsLayer = readOptionsLayer(options, cwd, problems);
  const merged = mergeLayers([optionsLayer, envLayer, tomlLayer], problems);
  const config = fileFailed ? null : buildConfig(merged, file, cwd, problems);
  if (!config || problems.length > 0) throw CoreSdkConfigError.create(problems);
  return config;
}
