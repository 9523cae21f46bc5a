import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { checkSchema } from './schema-validation/schema-check';
import { validateDocument } from './schema-validation/schema-validate';
import { isJsonObject } from './operands';

/** A schema or document given as JSON text or as a value (OPA's astValueToJSONSchemaLoader). */
function loadJson(value: unknown): unknown {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      throw new Error('invalid JSON string');
    }
  }
  if (isJsonObject(value) || Array.isArray(value)) return value;
  throw new Error('wrong type, expected string or object');
}

/** Registers json.verify_schema and json.match_schema (JSON Schema drafts 4-7, local $refs only). */
export function register(into: HostRegistry): void {
  define(into, 'json.verify_schema', 1, (schema: unknown) => {
    try {
      checkSchema(loadJson(schema));
      return [true, null];
    } catch (error) {
      return [false, `jsonschema: ${(error as Error).message}`];
    }
  });

  define(into, 'json.match_schema', 2, (document: unknown, schema: unknown) => {
    try {
      const instance = loadJson(document);
      const loaded = loadJson(schema);
      checkSchema(loaded);
      const violations = validateDocument(instance, loaded);
      return [violations.length === 0, violations];
    } catch (error) {
      throw new BuiltinError('json.match_schema', (error as Error).message);
    }
  });
}
