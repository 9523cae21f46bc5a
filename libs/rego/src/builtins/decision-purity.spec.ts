import { compile } from '../compile';
import { builtinsArePure } from './decision-purity';

function pureOf(body: string): boolean {
  const result = compile([{ path: 'p.rego', source: `package p\n\nallow if {\n${body}\n}\n` }], {
    entrypoints: ['p/allow'],
    regoVersion: 'v1',
  });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.pure;
}

describe('CompileResult.pure', () => {
  it.each([
    ['comparisons and refs', 'input.action == "read"'],
    ['membership and string built-ins', '"admin" in input.roles\nstartswith(input.path, "/a")'],
    ['time arithmetic on given values', 'time.add_date(0, 1, 0, 0) > 0'],
  ])('is true for %s', (_name, body) => {
    expect(pureOf(body)).toBe(true);
  });

  it.each([
    ['the clock', 'time.now_ns() > 0'],
    ['randomness', 'rand.intn("x", 10) >= 0'],
    ['uuid generation', 'uuid.rfc4122("k") != ""'],
    ['print', 'print("deciding")'],
    ['trace', 'trace("deciding")'],
    ['JWT verification (reads the clock)', 'io.jwt.decode_verify(input.t, {"secret": "s"})[0]'],
  ])('is false for %s', (_name, body) => {
    expect(pureOf(body)).toBe(false);
  });

  it('is false for a failed compilation', () => {
    const result = compile([{ path: 'p.rego', source: 'package p\n\nallow if {' }], {
      entrypoints: ['p/allow'],
      regoVersion: 'v1',
    });
    expect(result.pure).toBe(false);
  });
});

describe('builtinsArePure', () => {
  it('treats a built-in outside the catalogue as impure (its behaviour is unknown)', () => {
    expect(builtinsArePure(['custom.lookup'])).toBe(false);
    expect(builtinsArePure(['concat', 'count'])).toBe(true);
  });
});
