import { lookupBuiltin } from './catalogue';

/**
 * Built-ins that leave a trace outside the result (debug output): evaluating the policy
 * again is observable, so a caller must not answer from a remembered result instead.
 */
const OBSERVABLE_BUILTINS: ReadonlySet<string> = new Set(['print', 'internal.print', 'trace']);

/**
 * Whether a policy that calls exactly these built-ins decides from its input and data
 * alone: the same input against the same data always gives the same result and nothing
 * else happens. False as soon as one built-in reads the clock, randomness or the network,
 * prints, or is not in the catalogue (a custom built-in's behaviour is unknown).
 */
export function builtinsArePure(names: Iterable<string>): boolean {
  for (const name of names) {
    if (OBSERVABLE_BUILTINS.has(name)) return false;
    const signature = lookupBuiltin(name);
    if (signature === undefined || signature.nondeterministic === true) return false;
  }
  return true;
}
