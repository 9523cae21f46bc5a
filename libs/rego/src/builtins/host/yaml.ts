import { parseAllDocuments, stringify } from 'yaml';
import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';

/** Parses the first YAML document as go-yaml v2 does (YAML 1.1: yes/no are booleans). */
function parseYaml(text: string): unknown {
  const documents = parseAllDocuments(text, { version: '1.1', uniqueKeys: true });
  if (!Array.isArray(documents)) return null; // an empty stream
  const [first] = documents;
  if (!first) return null;
  const problem = first.errors[0];
  if (problem) throw new Error(problem.message);
  return first.toJSON();
}

/** Registers yaml.marshal, yaml.unmarshal and yaml.is_valid. */
export function register(into: HostRegistry): void {
  define(into, 'yaml.marshal', 1, (value: unknown) =>
    // go-yaml sorts keys and does not indent sequences inside mappings.
    stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }),
  );
  define(into, 'yaml.unmarshal', 1, (value: unknown) => {
    const text = stringOperand('yaml.unmarshal', 1, value);
    try {
      return parseYaml(text);
    } catch (error) {
      throw new BuiltinError('yaml.unmarshal', (error as Error).message);
    }
  });
  define(into, 'yaml.is_valid', 1, (value: unknown) => {
    if (typeof value !== 'string') return false;
    try {
      parseYaml(value);
      return true;
    } catch {
      return false;
    }
  });
}
