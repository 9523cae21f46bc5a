/**
 * Big integers reach host built-ins exactly: the host-builtin wrapper passes every
 * argument through rt_host_arg, and the loader decodes the tags (bigint for sprintf).
 */
import { compile, loadCompiledPolicySync } from '../../src';

const POLICY = `package bignum

big := 9223372036854775807 + 1

formatted := sprintf("%d|%v|%s|%x|%X|%o|%b", [big, big, big, big, big, big, big])

nested := sprintf("%v", [[1, big, {"k": -18446744073709551617}]])

small := sprintf("%d %v %s", [42, 2.5, "s"])

marshalled := yaml.marshal([big, 1])

from_input := sprintf("%d", [input.n])
`;

function load() {
  const result = compile([{ path: 'bignum.rego', source: POLICY }], {
    entrypoints: [
      'bignum/formatted',
      'bignum/nested',
      'bignum/small',
      'bignum/marshalled',
      'bignum/from_input',
    ],
    regoVersion: 'v1',
  });
  expect(result.diagnostics).toEqual([]);
  expect(result.hostBuiltins).toEqual(
    expect.arrayContaining(['coresdk.host.sprintf', 'coresdk.host.yaml.marshal']),
  );
  return loadCompiledPolicySync({ wasm: result.wasm!, hostBuiltins: result.hostBuiltins });
}

const resultOf = (solutions: unknown) => (solutions as Array<{ result: unknown }>)[0]?.result;

describe('big integers across the host-builtin boundary (compiled policy)', () => {
  const policy = load();

  it('formats an integer past 2^63 exactly with every integer verb', () => {
    expect(resultOf(policy.evaluate({}, 'bignum/formatted'))).toBe(
      [
        '9223372036854775808',
        '9223372036854775808',
        '9223372036854775808',
        '8000000000000000',
        '8000000000000000',
        '1000000000000000000000',
        '1' + '0'.repeat(63),
      ].join('|'),
    );
  });

  it('formats big integers nested in collections with %v', () => {
    expect(resultOf(policy.evaluate({}, 'bignum/nested'))).toBe(
      '[1, 9223372036854775808, {"k": -18446744073709551617}]',
    );
  });

  it('leaves ordinary arguments as they were', () => {
    expect(resultOf(policy.evaluate({}, 'bignum/small'))).toBe('42 2.5 s');
    expect(resultOf(policy.evaluate({ n: 7 }, 'bignum/from_input'))).toBe('7');
  });

  it("keeps today's numbers for built-ins that do not accept big integers", () => {
    // yaml.marshal does not declare bigIntegers: it gets the double JSON.parse gives.
    const yaml = resultOf(policy.evaluate({}, 'bignum/marshalled'));
    expect(yaml).toContain(String(9223372036854775808));
    expect(yaml).not.toContain('9223372036854775808');
  });

  it('stays exact on repeated evaluations (memoised per evaluation only)', () => {
    for (let round = 0; round < 3; round++)
      expect(resultOf(policy.evaluate({}, 'bignum/nested'))).toContain('9223372036854775808');
  });
});
