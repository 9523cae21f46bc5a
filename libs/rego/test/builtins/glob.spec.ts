import { call, callError } from './host-test-helpers';

describe('glob.match (gobwas/glob semantics)', () => {
  it.each<[string, string[] | null, string, boolean]>([
    ['*.github.com', [], 'api.github.com', true],
    ['*.github.com', [], 'api.cdn.github.com', false],
    ['*.github.com', null, 'api.cdn.github.com', true],
    ['*hub.com', null, 'api.cdn.github.com', true],
    ['*:github:com', [':'], 'api:github:com', true],
    ['api.**.com', [], 'api.github.com', true],
    ['api.**.com', [], 'api.cdn.github.com', true],
    ['?at', [], 'cat', true],
    ['?at', [], 'at', false],
    ['[abc]at', [], 'bat', true],
    ['[!abc]at', [], 'bat', false],
    ['[!abc]at', [], 'fat', true],
    ['[a-c]at', [], 'cat', true],
    ['[!a-c]at', [], 'cat', false],
    ['{cat,bat,[fr]at}', [], 'rat', true],
    ['{cat,bat,[fr]at}', [], 'mat', false],
    ['{api,cdn}.*.com', [], 'cdn.github.com', true],
    ['?', null, '', false],
    ['[!0-9]', null, '', false],
    ['a/*/b', null, 'a/b', false],
    ['a/*/b', null, 'a/x/b', true],
    ['a/**/b', null, 'a/b', false],
    ['a/**/b', null, 'a//b', true],
    ['**/x', null, 'x', false],
    ['{**/,}x', null, 'x', true],
    ['***', ['.'], '', true],
    ['*?*', ['.', '/'], 'api.github.com', false],
    ['*?*', ['.', '/'], 'abc', true],
    ['*', ['.', '/'], 'a/b', false],
    ['\\*', null, '*', true],
    ['\\*', null, 'a', false],
    ['😀?', null, '😀x', true],
  ])('glob.match(%j, %j, %j) = %s', (pattern, delimiters, value, expected) => {
    expect(call('glob.match', pattern, delimiters, value)).toBe(expected);
  });

  it('rejects malformed patterns and operands', () => {
    expect(callError('glob.match', '[abc', null, 'a').message).toContain('unclosed [');
    expect(callError('glob.match', '{a,b', null, 'a').message).toContain('unclosed {');
    expect(callError('glob.match', '*', 'x', 'a').message).toBe(
      'glob.match: operand 2 must be array or null but got string',
    );
    expect(callError('glob.match', '*', ['ab'], 'a').message).toContain('one-character strings');
  });

  it('glob.quote_meta escapes glob syntax', () => {
    expect(call('glob.quote_meta', '*.github.com')).toBe('\\*.github.com');
    expect(call('glob.quote_meta', '[a]{b,c}?\\')).toBe('\\[a\\]\\{b\\,c\\}\\?\\\\');
    expect(call('glob.match', call('glob.quote_meta', '*.x{y}'), [], '*.x{y}')).toBe(true);
  });
});
