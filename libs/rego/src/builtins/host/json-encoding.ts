import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { objectOperand, stringOperand } from './operands';
import { compareStrings } from './values';

/** JSON text with object keys sorted, as OPA serialises values. */
function sortedJson(value: unknown, indent: string, prefix: string, depth = 0): string {
  const newline = indent === '' ? '' : `\n${prefix}${indent.repeat(depth + 1)}`;
  const closing = indent === '' ? '' : `\n${prefix}${indent.repeat(depth)}`;
  const separator = indent === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => newline + sortedJson(item, indent, prefix, depth + 1)).join(',')}${closing}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareStrings);
    if (keys.length === 0) return '{}';
    const entries = keys.map(
      (key) =>
        `${newline}${JSON.stringify(key)}${separator}${sortedJson((value as Record<string, unknown>)[key], indent, prefix, depth + 1)}`,
    );
    return `{${entries.join(',')}${closing}}`;
  }
  return JSON.stringify(value);
}

/** Registers json.marshal, json.marshal_with_options, json.unmarshal and json.is_valid. */
export function register(into: HostRegistry): void {
  define(into, 'json.marshal', 1, (value: unknown) => sortedJson(value, '', ''));

  define(into, 'json.marshal_with_options', 2, (value: unknown, options: unknown) => {
    const settings = objectOperand('json.marshal_with_options', 2, options);
    for (const [key, setting] of Object.entries(settings)) {
      const valid =
        (key === 'pretty' && typeof setting === 'boolean') ||
        ((key === 'indent' || key === 'prefix') && typeof setting === 'string');
      if (!valid)
        throw new BuiltinError(
          'json.marshal_with_options',
          `object operand 2 has an invalid "${key}" option`,
        );
    }
    const pretty = settings.pretty ?? ('indent' in settings || 'prefix' in settings);
    if (!pretty) return sortedJson(value, '', '');
    const prefix = (settings.prefix as string | undefined) ?? '';
    return prefix + sortedJson(value, (settings.indent as string | undefined) ?? '\t', prefix);
  });

  define(into, 'json.unmarshal', 1, (text: unknown) => {
    try {
      return JSON.parse(stringOperand('json.unmarshal', 1, text));
    } catch (error) {
      if (error instanceof BuiltinError) throw error;
      throw new BuiltinError('json.unmarshal', (error as Error).message);
    }
  });

  define(into, 'json.is_valid', 1, (text: unknown) => {
    if (typeof text !== 'string') return false;
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  });
}
