/** Flags every command takes, and how they combine with `coresdk.toml`. */
import type { FlagSpec, ParsedArgs } from './args';
import type { CliConfig } from './cli-config';

export const COMMON_FLAGS: FlagSpec[] = [
  { name: 'v0-compatible', value: false },
  { name: 'help', short: 'h', value: false },
];

/** `--v0-compatible` wins; else `[policies].rego_version` of coresdk.toml; else Rego v1. */
export function regoVersionOf(args: ParsedArgs, config: CliConfig): 'v0' | 'v1' {
  if (args.flags.has('v0-compatible')) return 'v0';
  return config.regoVersion ?? 'v1';
}
