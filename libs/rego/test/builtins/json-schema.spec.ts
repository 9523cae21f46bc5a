import { call, callError } from './host-test-helpers';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    email: { type: 'string', format: 'email' },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
    role: { enum: ['admin', 'user'] },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('json.verify_schema', () => {
  it('accepts valid schemas, as objects or JSON text', () => {
    expect(call('json.verify_schema', person)).toEqual([true, null]);
    expect(call('json.verify_schema', JSON.stringify(person))).toEqual([true, null]);
    expect(
      call('json.verify_schema', {
        $ref: '#/definitions/a',
        definitions: { a: { type: 'string' } },
      }),
    ).toEqual([true, null]);
  });

  it.each<[unknown, string]>([
    ['{', 'jsonschema: invalid JSON string'],
    [1, 'jsonschema: wrong type, expected string or object'],
    [{ type: 'text' }, 'has a primitive type that is NOT VALID -- given: text'],
    [{ minLength: -1 }, 'minLength must be greater than or equal to 0'],
    [{ required: 'name' }, 'required must be of an array of strings'],
    [{ pattern: '(' }, "Invalid regex pattern '('"],
    [{ $ref: '#/definitions/missing' }, 'cannot be resolved'],
    [{ $ref: 'http://example.com/schema' }, 'only local references are supported'],
  ])('rejects %j', (schema, message) => {
    const [valid, error] = call('json.verify_schema', schema) as [boolean, string];
    expect(valid).toBe(false);
    expect(error).toContain(message);
  });
});

describe('json.match_schema', () => {
  it('matches a conforming document', () => {
    expect(
      call('json.match_schema', { name: 'Ann', age: 30, tags: ['a'], role: 'admin' }, person),
    ).toEqual([true, []]);
    expect(call('json.match_schema', '{"name": "Ann"}', JSON.stringify(person))).toEqual([
      true,
      [],
    ]);
  });

  it('reports violations in gojsonschema form', () => {
    expect(
      call('json.match_schema', { id: 5 }, { properties: { id: { type: 'string' } } }),
    ).toEqual([
      false,
      [
        {
          desc: 'Invalid type. Expected: string, given: integer',
          error: 'id: Invalid type. Expected: string, given: integer',
          field: 'id',
          type: 'invalid_type',
        },
      ],
    ]);
    const [valid, violations] = call(
      'json.match_schema',
      { age: -1.5, email: 'nope', tags: ['a', 'a', 'b', 'c'], role: 'root', extra: 1 },
      person,
    ) as [boolean, Array<{ type: string; error: string }>];
    expect(valid).toBe(false);
    expect(violations.map((violation) => violation.error)).toEqual([
      '(root): name is required',
      'age: Invalid type. Expected: integer, given: number',
      "email: Does not match format 'email'",
      'tags: Array must have at most 3 items',
      'tags: array items must be unique',
      'role: role must be one of the following: "admin", "user"',
      '(root): Additional property extra is not allowed',
    ]);
  });

  it.each<[unknown, unknown, string]>([
    [5, { minimum: 10 }, 'Must be greater than or equal to 10'],
    [10, { exclusiveMaximum: 10 }, 'Must be less than 10'],
    [10, { maximum: 10, exclusiveMaximum: true }, 'Must be less than 10'],
    [7, { multipleOf: 2 }, 'Must be a multiple of 2'],
    ['ab', { pattern: '^a$' }, "Does not match pattern '^a$'"],
    ['', { minLength: 1 }, 'String length must be greater than or equal to 1'],
    [null, { type: ['string', 'number'] }, 'Invalid type. Expected: [string,number], given: null'],
    [
      3,
      { anyOf: [{ type: 'string' }, { minimum: 5 }] },
      'Must validate at least one schema (anyOf)',
    ],
    [
      3,
      { oneOf: [{ type: 'integer' }, { minimum: 1 }] },
      'Must validate one and only one schema (oneOf)',
    ],
    [3, { not: { type: 'integer' } }, 'Must not validate the schema (not)'],
    ['x', { const: 'y' }, '(root) does not match: "y"'],
    [{ a: 1 }, { dependencies: { a: ['b'] } }, 'Has a dependency on b'],
    [
      [1, 'x'],
      { items: [{ type: 'integer' }], additionalItems: false },
      'No additional items allowed on array',
    ],
    [
      { n: 'x' },
      { $ref: '#/definitions/n', definitions: { n: { properties: { n: { type: 'number' } } } } },
      'n: Invalid type',
    ],
  ])('%j against %j', (document, schema, message) => {
    // Scalars go in as JSON text: OPA takes a document only as a string, object or array.
    const [valid, violations] = call('json.match_schema', JSON.stringify(document), schema) as [
      boolean,
      Array<{ error: string }>,
    ];
    expect(valid).toBe(false);
    expect(violations.map((violation) => violation.error).join('\n')).toContain(message);
  });

  it('makes a bad schema or document an error', () => {
    expect(callError('json.match_schema', {}, { type: 'text' }).message).toContain(
      'json.match_schema: has a primitive type',
    );
    expect(callError('json.match_schema', '{', {}).message).toBe(
      'json.match_schema: invalid JSON string',
    );
  });
});
