/**
 * `--capabilities FILE` and `--strict-builtin-errors`, shared by build, check and eval.
 * Without `--capabilities` a build gets `DEFAULT_CAPABILITIES`: every OPA built-in except
 * the ones that reach outside the process (http.send, net.lookup_ip_addr, opa.runtime).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CapabilitiesError,
  DEFAULT_CAPABILITIES,
  parseCapabilities,
  type Capabilities,
} from '../builtins/capabilities';
import { flagValue, type FlagSpec, type ParsedArgs } from './args';

export const BUILTIN_FLAGS: FlagSpec[] = [
  { name: 'capabilities', value: true },
  { name: 'strict-builtin-errors', value: false },
];

export interface BuiltinOptions {
  capabilities: Capabilities;
  strictBuiltinErrors: boolean;
}

/** The capabilities and strictness the flags select; throws `CapabilitiesError` for a bad file. */
export function builtinOptionsOf(args: ParsedArgs, cwd: string): BuiltinOptions {
  const file = flagValue(args, 'capabilities');
  return {
    capabilities: file === undefined ? DEFAULT_CAPABILITIES : readCapabilitiesFile(cwd, file),
    strictBuiltinErrors: args.flags.has('strict-builtin-errors'),
  };
}

/** Reads and validates an OPA capabilities.json file. */
export function readCapabilitiesFile(cwd: string, path: string): Capabilities {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'unreadable';
    throw new CapabilitiesError(`capabilities file ${reason}: ${path}`);
  }
  try {
    return parseCapabilities(text);
  } catch (error) {
    if (error instanceof CapabilitiesError)
      throw new CapabilitiesError(`${path}: ${error.message}`);
    throw error;
  }
}
