import { compileRegex } from '../regex/compiled-regex';
import { isJsonObject } from '../operands';
import { deepEqual } from '../values';
import { FORMAT_CHECKS } from './formats';
import { resolveReference } from './schema-check';

/** One validation failure, in the shape OPA's json.match_schema reports. */
export interface SchemaViolation {
  error: string;
  type: string;
  field: string;
  desc: string;
}

type Path = Array<string | number>;

const fieldOf = (path: Path) => (path.length === 0 ? '(root)' : path.join('.'));
const numberText = (value: unknown) => JSON.stringify(value);

/** The JSON Schema type name of a value; whole numbers are "integer", as in gojsonschema. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Validates `document` against `schema` (already checked), collecting gojsonschema-style violations. */
export function validateDocument(document: unknown, schema: unknown): SchemaViolation[] {
  return new Validator(schema).run(document);
}

class Validator {
  constructor(private readonly root: unknown) {}

  run(document: unknown): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    this.validate(this.root, document, [], violations);
    return violations;
  }

  private report(out: SchemaViolation[], path: Path, type: string, desc: string): void {
    const field = fieldOf(path);
    out.push({ error: `${field}: ${desc}`, type, field, desc });
  }

  private errorsOf(schema: unknown, value: unknown, path: Path): SchemaViolation[] {
    const out: SchemaViolation[] = [];
    this.validate(schema, value, path, out);
    return out;
  }

  private validate(schemaValue: unknown, value: unknown, path: Path, out: SchemaViolation[]): void {
    if (schemaValue === true) return;
    if (schemaValue === false)
      return this.report(out, path, 'false', 'False always fails validation');
    if (!isJsonObject(schemaValue)) return;
    // A $ref replaces its siblings (drafts 4 to 7).
    if (typeof schemaValue.$ref === 'string') {
      return this.validate(resolveReference(this.root, schemaValue.$ref), value, path, out);
    }
    const schema = schemaValue;
    if (schema.type !== undefined) {
      const allowed = Array.isArray(schema.type)
        ? (schema.type as string[])
        : [schema.type as string];
      const given = typeOf(value);
      const fits = allowed.includes(given) || (given === 'integer' && allowed.includes('number'));
      if (!fits) {
        const expected = allowed.length === 1 ? allowed[0] : `[${allowed.join(',')}]`;
        return this.report(
          out,
          path,
          'invalid_type',
          `Invalid type. Expected: ${expected}, given: ${given}`,
        );
      }
    }
    this.combinators(schema, value, path, out);
    this.common(schema, value, path, out);
    if (Array.isArray(value)) this.array(schema, value, path, out);
    else if (isJsonObject(value)) this.object(schema, value, path, out);
    else if (typeof value === 'string') this.string(schema, value, path, out);
    else if (typeof value === 'number') this.number(schema, value, path, out);
  }

  private combinators(
    schema: Record<string, unknown>,
    value: unknown,
    path: Path,
    out: SchemaViolation[],
  ): void {
    const results = (key: string) =>
      (schema[key] as unknown[]).map((sub) => this.errorsOf(sub, value, path));
    const closest = (all: SchemaViolation[][]) =>
      all.reduce((best, errors) => (errors.length < best.length ? errors : best));
    if (Array.isArray(schema.anyOf)) {
      const all = results('anyOf');
      if (!all.some((errors) => errors.length === 0)) {
        this.report(out, path, 'number_any_of', 'Must validate at least one schema (anyOf)');
        out.push(...closest(all));
      }
    }
    if (Array.isArray(schema.oneOf)) {
      const all = results('oneOf');
      const passing = all.filter((errors) => errors.length === 0).length;
      if (passing !== 1) {
        this.report(out, path, 'number_one_of', 'Must validate one and only one schema (oneOf)');
        if (passing === 0) out.push(...closest(all));
      }
    }
    if (Array.isArray(schema.allOf)) {
      const failed = results('allOf').filter((errors) => errors.length > 0);
      if (failed.length > 0) {
        this.report(out, path, 'number_all_of', 'Must validate all the schemas (allOf)');
        out.push(...failed.flat());
      }
    }
    if (schema.not !== undefined && this.errorsOf(schema.not, value, path).length === 0) {
      this.report(out, path, 'number_not', 'Must not validate the schema (not)');
    }
    if (schema.if !== undefined) {
      const condition = this.errorsOf(schema.if, value, path).length === 0;
      const branch = condition ? schema.then : schema.else;
      if (branch !== undefined) {
        const errors = this.errorsOf(branch, value, path);
        if (errors.length > 0) {
          const [type, desc] = condition
            ? ['condition_then', 'Must validate "then" as "if" was valid']
            : ['condition_else', 'Must validate "else" as "if" was not valid'];
          this.report(out, path, type, desc);
          out.push(...errors);
        }
      }
    }
  }

  private common(
    schema: Record<string, unknown>,
    value: unknown,
    path: Path,
    out: SchemaViolation[],
  ): void {
    const field = fieldOf(path);
    if ('const' in schema && !deepEqual(schema.const, value)) {
      this.report(out, path, 'const', `${field} does not match: ${JSON.stringify(schema.const)}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((item) => deepEqual(item, value))) {
      const allowed = schema.enum.map((item) => JSON.stringify(item)).join(', ');
      this.report(out, path, 'enum', `${field} must be one of the following: ${allowed}`);
    }
  }

  private array(
    schema: Record<string, unknown>,
    value: unknown[],
    path: Path,
    out: SchemaViolation[],
  ): void {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      this.report(
        out,
        path,
        'array_min_items',
        `Array must have at least ${schema.minItems} items`,
      );
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      this.report(out, path, 'array_max_items', `Array must have at most ${schema.maxItems} items`);
    }
    if (schema.uniqueItems === true) {
      const duplicate = value.some((item, index) =>
        value.slice(0, index).some((other) => deepEqual(other, item)),
      );
      if (duplicate) this.report(out, path, 'unique', 'array items must be unique');
    }
    if (Array.isArray(schema.items)) {
      const tuple = schema.items;
      value.forEach((item, index) => {
        if (index < tuple.length) this.validate(tuple[index], item, [...path, index], out);
        else if (schema.additionalItems === false) {
          this.report(
            out,
            path,
            'array_no_additional_items',
            'No additional items allowed on array',
          );
        } else if (schema.additionalItems !== undefined) {
          this.validate(schema.additionalItems, item, [...path, index], out);
        }
      });
    } else if (schema.items !== undefined) {
      value.forEach((item, index) => this.validate(schema.items, item, [...path, index], out));
    }
    if (
      schema.contains !== undefined &&
      !value.some(
        (item, index) => this.errorsOf(schema.contains, item, [...path, index]).length === 0,
      )
    ) {
      this.report(out, path, 'contains', 'At least one of the items must match');
    }
  }

  private object(
    schema: Record<string, unknown>,
    value: Record<string, unknown>,
    path: Path,
    out: SchemaViolation[],
  ): void {
    const count = Object.keys(value).length;
    if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) {
      this.report(
        out,
        path,
        'array_max_properties',
        `Must have at most ${schema.maxProperties} properties`,
      );
    }
    if (typeof schema.minProperties === 'number' && count < schema.minProperties) {
      this.report(
        out,
        path,
        'array_min_properties',
        `Must have at least ${schema.minProperties} properties`,
      );
    }
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in value)) this.report(out, path, 'required', `${name} is required`);
    }
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    const patterns = isJsonObject(schema.patternProperties)
      ? Object.entries(schema.patternProperties)
      : [];
    for (const [name, item] of Object.entries(value)) {
      let matched = name in properties;
      if (matched) this.validate(properties[name], item, [...path, name], out);
      for (const [pattern, sub] of patterns) {
        if (compileRegex(pattern).test(name)) {
          matched = true;
          this.validate(sub, item, [...path, name], out);
        }
      }
      if (matched) continue;
      if (schema.additionalProperties === false) {
        this.report(
          out,
          path,
          'additional_property_not_allowed',
          `Additional property ${name} is not allowed`,
        );
      } else if (schema.additionalProperties !== undefined) {
        this.validate(schema.additionalProperties, item, [...path, name], out);
      }
    }
    if (isJsonObject(schema.dependencies)) {
      for (const [name, dependency] of Object.entries(schema.dependencies)) {
        if (!(name in value)) continue;
        if (Array.isArray(dependency)) {
          for (const needed of dependency) {
            if (!(needed in value))
              this.report(out, path, 'missing_dependency', `Has a dependency on ${needed}`);
          }
        } else {
          this.validate(dependency, value, path, out);
        }
      }
    }
    if (schema.propertyNames !== undefined) {
      for (const name of Object.keys(value))
        this.validate(schema.propertyNames, name, [...path, name], out);
    }
  }

  private string(
    schema: Record<string, unknown>,
    value: string,
    path: Path,
    out: SchemaViolation[],
  ): void {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      this.report(
        out,
        path,
        'string_gte',
        `String length must be greater than or equal to ${schema.minLength}`,
      );
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      this.report(
        out,
        path,
        'string_lte',
        `String length must be less than or equal to ${schema.maxLength}`,
      );
    }
    if (typeof schema.pattern === 'string' && !compileRegex(schema.pattern).test(value)) {
      this.report(out, path, 'pattern', `Does not match pattern '${schema.pattern}'`);
    }
    const check = typeof schema.format === 'string' ? FORMAT_CHECKS[schema.format] : undefined;
    if (check && !check(value))
      this.report(out, path, 'format', `Does not match format '${schema.format}'`);
  }

  private number(
    schema: Record<string, unknown>,
    value: number,
    path: Path,
    out: SchemaViolation[],
  ): void {
    if (typeof schema.multipleOf === 'number') {
      const quotient = value / schema.multipleOf;
      if (Math.abs(quotient - Math.round(quotient)) > 1e-9) {
        this.report(
          out,
          path,
          'multiple_of',
          `Must be a multiple of ${numberText(schema.multipleOf)}`,
        );
      }
    }
    // Draft 4 writes exclusive bounds as booleans next to minimum/maximum; later drafts as numbers.
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
    if (typeof maximum === 'number') {
      if (exclusiveMaximum === true ? value >= maximum : value > maximum) {
        const [type, relation] =
          exclusiveMaximum === true
            ? ['number_lt', 'less than']
            : ['number_lte', 'less than or equal to'];
        this.report(out, path, type, `Must be ${relation} ${numberText(maximum)}`);
      }
    }
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) {
      this.report(out, path, 'number_lt', `Must be less than ${numberText(exclusiveMaximum)}`);
    }
    if (typeof minimum === 'number') {
      if (exclusiveMinimum === true ? value <= minimum : value < minimum) {
        const [type, relation] =
          exclusiveMinimum === true
            ? ['number_gt', 'greater than']
            : ['number_gte', 'greater than or equal to'];
        this.report(out, path, type, `Must be ${relation} ${numberText(minimum)}`);
      }
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) {
      this.report(out, path, 'number_gt', `Must be greater than ${numberText(exclusiveMinimum)}`);
    }
  }
}
