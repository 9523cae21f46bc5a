import { call, callError } from './host-test-helpers';

describe('json.filter / json.remove', () => {
  const document = { a: { b: { c: 7, d: 8 }, x: [10, { y: 1, z: 2 }] }, e: 9 };

  it.each<[unknown, unknown]>([
    [['a/b/c'], { a: { b: { c: 7 } } }],
    [['a/b', 'e'], { a: { b: { c: 7, d: 8 } }, e: 9 }],
    [[['a', 'b', 'd']], { a: { b: { d: 8 } } }],
    [['a', 'a/b/c'], { a: document.a }],
    [['a/x/1/z'], { a: { x: [{ z: 2 }] } }],
    [['/e'], { e: 9 }],
    [[], {}],
  ])('json.filter(doc, %j)', (paths, expected) => {
    expect(call('json.filter', document, paths)).toEqual(expected);
  });

  it('filters an empty object to itself', () => {
    expect(call('json.filter', {}, ['a/b'])).toEqual({});
  });

  it.each<[unknown, unknown]>([
    [['a/b/c'], { a: { b: { d: 8 }, x: document.a.x }, e: 9 }],
    [['a/x/0'], { a: { b: document.a.b, x: [{ y: 1, z: 2 }] }, e: 9 }],
    [['a', 'e'], {}],
    [['a/b/~1c'], document],
  ])('json.remove(doc, %j)', (paths, expected) => {
    expect(call('json.remove', document, paths)).toEqual(expected);
  });

  it('rejects bad operands', () => {
    expect(callError('json.filter', [], ['a']).message).toBe(
      'json.filter: operand 1 must be object but got array',
    );
    expect(callError('json.remove', {}, 'a').message).toContain('operand 2 must be set or array');
    expect(callError('json.remove', {}, [1]).message).toContain('containing string paths');
  });
});

describe('json.patch', () => {
  it.each<[unknown, unknown[], unknown]>([
    [{ a: 1 }, [{ op: 'add', path: '/b', value: 2 }], { a: 1, b: 2 }],
    [{ a: [1, 3] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2, 3] }],
    [{ a: [1] }, [{ op: 'add', path: '/a/-', value: 2 }], { a: [1, 2] }],
    [{ a: 1, b: 2 }, [{ op: 'remove', path: '/a' }], { b: 2 }],
    [{ a: 1 }, [{ op: 'replace', path: '/a', value: 5 }], { a: 5 }],
    [{ a: { x: 1 } }, [{ op: 'move', from: '/a/x', path: '/y' }], { a: {}, y: 1 }],
    [{ a: [1] }, [{ op: 'copy', from: '/a', path: '/b' }], { a: [1], b: [1] }],
    [{ a: 1 }, [{ op: 'test', path: '/a', value: 1 }], { a: 1 }],
    [{ a: 1 }, [{ op: 'add', path: '', value: [1] }], [1]],
    [{ 'a/b': 1 }, [{ op: 'remove', path: '/a~1b' }], {}],
    [{ a: 1 }, [{ op: 'add', path: ['b', 'c'], value: 1 }], undefined],
    [{ a: 1 }, [{ op: 'test', path: '/a', value: 2 }], undefined],
    [{ a: 1 }, [{ op: 'remove', path: '/zz' }], undefined],
    [{ a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }], undefined],
    [{ a: 1 }, [{ op: 'jump', path: '/a' }], undefined],
    [{ a: 1 }, [{ op: 'add', path: '/b' }], undefined],
  ])('json.patch(%j, %j)', (target, operations, expected) => {
    expect(call('json.patch', target, operations)).toEqual(expected);
  });

  it('does not modify its input', () => {
    const target = { a: { b: 1 } };
    call('json.patch', target, [{ op: 'replace', path: '/a/b', value: 2 }]);
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('object.subset', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 'b', c: { x: [10, 15, 20, 25], y: 'z' } }, { c: { x: [10, 15, 20, 25] } }, true],
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { b: 1 }, false],
    [[1, 2, 3, 4], [2, 3], true],
    [[1, 2, 3, 4], [2, 4], false],
    [[1], [], true],
  ])('object.subset(%j, %j) = %s', (whole, part, expected) => {
    expect(call('object.subset', whole, part)).toBe(expected);
  });

  it('rejects non-collections', () => {
    expect(callError('object.subset', 1, {}).message).toContain(
      'operand 1 must be object, set or array',
    );
  });
});

describe('graph.reachable / graph.reachable_paths / walk', () => {
  const graph = { a: ['b'], b: ['c', 'd'], c: ['a'], d: [], e: ['a'] };

  it('reaches nodes present in the graph', () => {
    expect(call('graph.reachable', graph, ['a'])).toEqual(['a', 'b', 'c', 'd']);
    expect(call('graph.reachable', graph, ['e'])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(call('graph.reachable', graph, ['zz'])).toEqual([]);
    expect(call('graph.reachable', { '1': [2], '2': [] }, [1])).toEqual([1, 2]);
  });

  it('lists maximal paths, stopping at leaves and cycles', () => {
    expect(call('graph.reachable_paths', graph, ['a'])).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'd'],
    ]);
    expect(call('graph.reachable_paths', { x: ['y'] }, ['x'])).toEqual([['x', 'y']]);
  });

  it('rejects bad operands', () => {
    expect(callError('graph.reachable', [], ['a']).message).toContain('operand 1 must be object');
    expect(callError('graph.reachable', {}, 'a').message).toContain(
      'operand 2 must be {set, array}',
    );
  });

  it('walk returns every [path, value] pair, root first', () => {
    expect(call('walk', { b: [true], a: 1 })).toEqual([
      [[], { b: [true], a: 1 }],
      [['a'], 1],
      [['b'], [true]],
      [['b', 0], true],
    ]);
    expect(call('walk', 'x')).toEqual([[[], 'x']]);
  });
});

describe('uuid', () => {
  it('gives one random v4 UUID per key within an evaluation', () => {
    const first = call('uuid.rfc4122', 'k') as string;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call('uuid.rfc4122', 'k')).toBe(first);
    expect(call('uuid.rfc4122', 'other')).not.toBe(first);
  });

  it('parses version 1 and 2 UUIDs like OPA', () => {
    expect(call('uuid.parse', 'b01d0062-a116-11ee-822b-7ab0b9e5e0c0')).toEqual({
      clocksequence: 555,
      macvariables: 'local:unicast',
      nodeid: '7a-b0-b9-e5-e0-c0',
      time: 1703282931110717000,
      variant: 'RFC4122',
      version: 1,
    });
    expect(call('uuid.parse', '000003e8-a129-21ee-ae00-325096b39f47')).toMatchObject({
      clocksequence: 11776,
      time: 1703290796079613700,
      domain: 'Person',
      id: 1000,
      version: 2,
    });
    expect(call('uuid.parse', '{6ba7b810-9dad-41d1-80b4-00c04fd430c8}')).toEqual({
      version: 4,
      variant: 'RFC4122',
    });
    expect(call('uuid.parse', 'not-a-uuid')).toBeUndefined();
  });
});

describe('yaml', () => {
  it('marshals with sorted keys in go-yaml style', () => {
    expect(call('yaml.marshal', { b: [1, 'two'], a: { c: true } })).toBe(
      'a:\n  c: true\nb:\n- 1\n- two\n',
    );
  });

  it('unmarshals YAML 1.1 and reports errors', () => {
    expect(call('yaml.unmarshal', 'a: 1\nb: [x, "y"]\nc: yes\n')).toEqual({
      a: 1,
      b: ['x', 'y'],
      c: true,
    });
    expect(call('yaml.unmarshal', '')).toBeNull();
    expect(callError('yaml.unmarshal', 'a: [1').message).toMatch(/^yaml.unmarshal: /);
    expect(call('yaml.is_valid', 'a: 1')).toBe(true);
    expect(call('yaml.is_valid', 'a: b: c')).toBe(false);
    expect(call('yaml.is_valid', 1)).toBe(false);
  });
});
