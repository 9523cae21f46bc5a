import { createTenantIdParser } from './tenant-claim';

describe('createTenantIdParser', () => {
  const parse = createTenantIdParser(/^[a-z0-9][a-z0-9-]{0,62}$/);

  it.each(['acme', 'globex', 'a', '0-tenant', 'a'.repeat(63)])('accepts %j', (id) => {
    expect(parse(id)).toBe(id);
  });

  it.each([
    42,
    null,
    undefined,
    true,
    ['acme'],
    { id: 'acme' },
    '',
    'ACME',
    '\u0430cme',
    '../global',
    'acme\n',
    '-acme',
    'a'.repeat(64),
    'a'.repeat(4096),
  ])('rejects %j', (value) => {
    expect(parse(value)).toBeNull();
  });

  it('applies an unanchored pattern to the whole value', () => {
    const loose = createTenantIdParser(/[a-z]+/);
    expect(loose('acme')).toBe('acme');
    expect(loose('../global')).toBeNull();
    expect(loose('acme/../x')).toBeNull();
  });

  it('is not stateful with a global pattern', () => {
    const global = createTenantIdParser(/^[a-z]+$/g);
    expect([global('acme'), global('acme'), global('acme')]).toEqual(['acme', 'acme', 'acme']);
  });

  it('caps the length even when the pattern would allow more', () => {
    const unbounded = createTenantIdParser(/^[a-z]+$/);
    expect(unbounded('a'.repeat(128))).toBe('a'.repeat(128));
    expect(unbounded('a'.repeat(129))).toBeNull();
  });
});
