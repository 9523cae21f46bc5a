/**
 * A small argument parser: each command declares its flags, and anything else (an unknown
 * flag, a missing value, too many positionals) is a `UsageError`, which the CLI reports
 * with the command's usage and exit code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  /** Long name without dashes (`entrypoint`). */
  name: string;
  /** One-letter alias without the dash (`o`). */
  short?: string;
  /** True when the flag takes a value (`-o out`, `--out=out`). */
  value: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  /** Flag name → value (`true` for flags without a value); last occurrence wins. */
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [flagText, inlineValue] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const spec = arg.startsWith('--')
      ? specs.find((candidate) => `--${candidate.name}` === flagText)
      : specs.find(
          (candidate) => candidate.short !== undefined && `-${candidate.short}` === flagText,
        );
    if (!spec) throw new UsageError(`unknown flag ${flagText}`);
    if (!spec.value) {
      if (inlineValue !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      flags.set(spec.name, true);
      continue;
    }
    const value = inlineValue ?? argv[++index];
    if (
      value === undefined ||
      (inlineValue === undefined && value.startsWith('-') && value !== '-')
    ) {
      throw new UsageError(`${flagText} needs a value`);
    }
    flags.set(spec.name, value);
  }
  return { positionals, flags };
}

/** The string value of a flag, or undefined when absent. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
