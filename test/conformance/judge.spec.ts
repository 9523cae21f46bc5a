/** Table tests of the comparison rules (no compiler involved). */
import type { Expectation, ResultShape, RunOutcome } from './conformance-case';
import { judge, regorusEntries, sortBindingArrays } from './judge';
import { decodeExpected, matchesExpected } from './regorus-markers';
import { looksLikeBuiltinError, manyItems } from './regorus-cases';
import { classifyThrown } from './runtime-failure';

const bindings: ResultShape = { kind: 'bindings' };
const value: ResultShape = { kind: 'value', variable: '__value__' };

const results = (...sets: Array<Array<Record<string, unknown>>>): RunOutcome => ({
  kind: 'results',
  resultSets: sets,
});
const compileError = (code: string, message = 'boom'): RunOutcome => ({
  kind: 'compile-error',
  diagnostics: [{ code, message, where: 'test-0.rego:1:1' }],
});
const runtimeError = (
  code: string | null,
  kind: 'error' | 'crash' | 'load' | 'timeout' = 'error',
): RunOutcome => ({
  kind: 'runtime-error',
  failure: { kind, code, message: 'failed' },
});

const resultSet = (want: Array<Record<string, unknown>>, sortBindings = false): Expectation => ({
  kind: 'result-set',
  want,
  sortBindings,
});
const opaError = (
  code: string | null,
  strictOnly = false,
  text: string | null = null,
): Expectation => ({ kind: 'error', code, text, strictOnly });
const regorusValues = (...want: unknown[]): Expectation => ({ kind: 'regorus-values', want });
const regorusError = (builtinError: boolean, strict = true): Expectation => ({
  kind: 'regorus-error',
  text: 'x',
  builtinError,
  strict,
});

describe('judge', () => {
  it.each<[string, Expectation, ResultShape, RunOutcome, string]>([
    ['result set equal', resultSet([{ x: 1 }]), bindings, results([{ x: 1 }]), 'passed'],
    [
      'result set order ignored',
      resultSet([{ x: 1 }, { x: 2 }]),
      bindings,
      results([{ x: 2 }, { x: 1 }]),
      'passed',
    ],
    [
      'result set extra solution',
      resultSet([{ x: 1 }]),
      bindings,
      results([{ x: 1 }, { x: 1 }]),
      'failed',
    ],
    ['empty want, undefined query', resultSet([]), bindings, results([]), 'passed'],
    [
      'empty want, false value is a solution',
      resultSet([]),
      bindings,
      results([{ x: false }]),
      'failed',
    ],
    [
      'array order matters without sort_bindings',
      resultSet([{ x: [1, 2] }]),
      bindings,
      results([{ x: [2, 1] }]),
      'failed',
    ],
    [
      'sort_bindings sorts binding arrays',
      resultSet([{ x: [1, 2] }], true),
      bindings,
      results([{ x: [2, 1] }]),
      'passed',
    ],
    [
      'sort_bindings sorts only the top level',
      resultSet([{ x: [[1, 2]] }], true),
      bindings,
      results([{ x: [[2, 1]] }]),
      'failed',
    ],
    [
      'object keys any order',
      resultSet([{ x: { a: 1, b: 2 } }]),
      bindings,
      results([{ x: { b: 2, a: 1 } }]),
      'passed',
    ],
    [
      'compile error when a result is wanted',
      resultSet([{ x: 1 }]),
      bindings,
      compileError('rego_type_error'),
      'failed',
    ],
    ['want_defined true', { kind: 'defined', defined: true }, bindings, results([{}]), 'passed'],
    [
      'want_defined true but undefined',
      { kind: 'defined', defined: true },
      bindings,
      results([]),
      'failed',
    ],
    [
      'compile error code matches',
      opaError('rego_type_error'),
      bindings,
      compileError('rego_type_error'),
      'passed',
    ],
    [
      'compile error code differs',
      opaError('rego_unsafe_var_error'),
      bindings,
      compileError('rego_type_error'),
      'failed',
    ],
    [
      'runtime error code matches',
      opaError('eval_conflict_error'),
      bindings,
      runtimeError('eval_conflict_error'),
      'passed',
    ],
    [
      'runtime error without code',
      opaError('eval_conflict_error'),
      bindings,
      runtimeError(null),
      'failed',
    ],
    [
      'a crash is not the expected error',
      opaError('eval_conflict_error'),
      bindings,
      runtimeError('eval_conflict_error', 'crash'),
      'failed',
    ],
    [
      'internal compiler error is not the expected error',
      opaError('rego_compile_error'),
      bindings,
      compileError('rego_compile_error', 'internal compiler error: planner: x'),
      'failed',
    ],
    [
      'error wanted, result given',
      opaError('eval_conflict_error'),
      bindings,
      results([{ x: 1 }]),
      'failed',
    ],
    [
      'strict-only error, undefined result in strict mode → fail',
      opaError('eval_type_error', true),
      bindings,
      results([]),
      'failed',
    ],
    [
      'strict-only error, defined result → fail',
      opaError('eval_type_error', true),
      bindings,
      results([{ x: 1 }]),
      'failed',
    ],
    [
      'strict-only error raised',
      opaError('eval_type_error', true),
      bindings,
      runtimeError('eval_type_error'),
      'passed',
    ],
    ['error text only', opaError(null, false, 'failed'), bindings, runtimeError(null), 'passed'],
    ['regorus value', regorusValues(5), value, results([{ __value__: 5 }]), 'passed'],
    ['regorus value differs', regorusValues(5), value, results([{ __value__: 6 }]), 'failed'],
    ['regorus want but undefined', regorusValues(5), value, results([]), 'failed'],
    [
      'regorus list is one array value',
      regorusValues([1, 2]),
      value,
      results([{ __value__: [1, 2] }]),
      'passed',
    ],
    [
      'regorus set marker ignores order',
      regorusValues({ 'set!': [1, 2] }),
      value,
      results([{ __value__: [2, 1] }]),
      'passed',
    ],
    [
      'regorus many! per input',
      regorusValues(1, 2),
      value,
      results([{ __value__: 1 }], [{ __value__: 2 }]),
      'passed',
    ],
    [
      'regorus many! order matters',
      regorusValues(1, 2),
      value,
      results([{ __value__: 2 }], [{ __value__: 1 }]),
      'failed',
    ],
    ['regorus bindings', regorusValues({ x: 1 }), bindings, results([{ x: 1 }]), 'passed'],
    ['regorus error raised', regorusError(false), value, runtimeError(null), 'passed'],
    [
      'regorus error at compile time',
      regorusError(false),
      value,
      compileError('rego_parse_error'),
      'passed',
    ],
    [
      'regorus error but a result',
      regorusError(true),
      value,
      results([{ __value__: 1 }]),
      'failed',
    ],
    [
      'regorus strict builtin error → undefined → fail',
      regorusError(true),
      value,
      results([]),
      'failed',
    ],
    [
      'regorus non-builtin error → undefined → fail',
      regorusError(false),
      value,
      results([]),
      'failed',
    ],
    [
      'regorus builtin error, strict off → undefined → fail',
      regorusError(true, false),
      value,
      results([]),
      'failed',
    ],
    [
      'regorus error, load failure',
      regorusError(false),
      value,
      runtimeError(null, 'load'),
      'failed',
    ],
    ['regorus error, timeout', regorusError(false), value, runtimeError(null, 'timeout'), 'failed'],
    ['no_result and none', { kind: 'no-result' }, value, results([]), 'passed'],
    ['no_result but one', { kind: 'no-result' }, value, results([{ __value__: 1 }]), 'failed'],
    ['no_result but an error', { kind: 'no-result' }, value, runtimeError(null), 'failed'],
  ])('%s', (_name, expectation, shape, outcome, status) => {
    expect(judge({ expectation, resultShape: shape }, outcome).status).toBe(status);
  });
});

describe('regorus markers', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['scalar', 1, 1, true],
    ['number by value', 1.5, 1.5, true],
    ['string vs number', '1', 1, false],
    ['set of sets', { 'set!': [{ 'set!': [1, 2] }, { 'set!': [3] }] }, [[3], [2, 1]], true],
    ['set has no duplicates to spare', { 'set!': [1, 1] }, [1, 2], false],
    [
      'object! with number keys',
      {
        'object!': [
          { key: 1, value: 'a' },
          { key: 2, value: 'b' },
        ],
      },
      { '2': 'b', '1': 'a' },
      true,
    ],
    [
      'object! with array key',
      { 'object!': [{ key: [1, 2], value: true }] },
      { '[1,2]': true },
      true,
    ],
    ['object! with string key', { 'object!': [{ key: 'a', value: 1 }] }, { a: 1 }, true],
    [
      'object! missing entry',
      { 'object!': [{ key: 1, value: 'a' }] },
      { '1': 'a', '2': 'b' },
      false,
    ],
    ['plain object nested marker', { a: { 'set!': ['x', 'y'] } }, { a: ['y', 'x'] }, true],
    ['array in order', [1, 2], [2, 1], false],
    ['#undefined', '#undefined', undefined, true],
    [
      'an object with set! and another key is plain',
      { 'set!': [1], b: 2 },
      { 'set!': [1], b: 2 },
      true,
    ],
  ])('%s', (_name, raw, actual, expected) => {
    expect(matchesExpected(actual, decodeExpected(raw))).toBe(expected);
  });

  it('unwraps many! lists and leaves other values whole', () => {
    expect(manyItems({ 'many!': [1, 2] })).toEqual([1, 2]);
    expect(manyItems([1, 2])).toEqual([[1, 2]]);
    expect(manyItems({ a: 1 })).toEqual([{ a: 1 }]);
  });

  it('builds regorus entries like its harness', () => {
    expect(regorusEntries([{ __value__: 1 }], value)).toEqual([1]);
    expect(regorusEntries([{ __value__: 1 }, { __value__: 2 }], value)).toEqual([[1], [2]]);
    expect(regorusEntries([{ x: 1 }], bindings)).toEqual([{ x: 1 }]);
  });
});

describe('sortBindingArrays', () => {
  it('sorts with Rego order: null < bool < number < string < array < object', () => {
    expect(sortBindingArrays({ x: [{ a: 1 }, 'b', [1], 2, true, null, 'a'] })).toEqual({
      x: [null, true, 2, 'a', 'b', [1], { a: 1 }],
    });
  });
});

describe('builtin error texts (regorus)', () => {
  it.each([
    ['`indexof` expects string argument.', true],
    ['`sum` requires array/set argument.', true],
    ['modulo by zero', true],
    ['`bits.and` expects 2 arguments', false],
    ['expects 1 argument', false],
    ['rule conflicts with the following rule', false],
    ['`if` keyword is required before rule body', false],
  ])('%s → %s', (text, builtin) => {
    expect(looksLikeBuiltinError(text as string)).toBe(builtin);
  });
});

describe('classifyThrown', () => {
  it.each<[string, unknown, string, string | null]>([
    ['opa_abort string with conflict', 'var assignment conflict', 'error', 'eval_conflict_error'],
    ['object insert conflict', 'object insert conflict', 'error', 'eval_conflict_error'],
    [
      'explicit code property',
      Object.assign(new Error('x'), { code: 'eval_builtin_error' }),
      'error',
      'eval_builtin_error',
    ],
    [
      'BuiltinError with operand type',
      Object.assign(new Error('plus: operand 1 must be number but got string'), {
        name: 'BuiltinError',
      }),
      'error',
      'eval_type_error',
    ],
    [
      'BuiltinError other',
      Object.assign(new Error('div: divide by zero'), { name: 'BuiltinError' }),
      'error',
      'eval_builtin_error',
    ],
    ['wasm trap', Object.assign(new Error('unreachable'), { name: 'RuntimeError' }), 'crash', null],
    [
      'missing host builtin',
      { message: 'not implemented: built-in function 0: foo' },
      'unsupported-builtin',
      null,
    ],
    ['unknown error', new Error('something'), 'error', null],
  ])('%s', (_name, thrown, kind, code) => {
    const failure = classifyThrown(thrown);
    expect(failure.kind).toBe(kind);
    expect(failure.code).toBe(code);
  });
});
