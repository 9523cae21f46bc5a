import { translateRe2 } from '../../src/builtins/host/regex/re2-translate';
import { call, callError } from './host-test-helpers';

describe('regex.match (RE2 semantics)', () => {
  it.each<[string, string, boolean]>([
    ['^[a-z]+\\[[0-9]+\\]$', 'foo[1]', true],
    ['^$', '', true],
    ['', 'x', true],
    ['^$', 'something', false],
    ['(?i)^HELLO$', 'hello', true],
    ['^(?i:hel)LO$', 'HELlo', false],
    ['^(?i:hel)LO$', 'HeLLO', true],
    ['(?i)[a-c]x', 'Bx', true],
    ['^abc\\z', 'abc', true],
    ['^abc$', 'abc\n', false],
    ['\\Aabc', 'xabc', false],
    ['^\\Q.*+\\E$', '.*+', true],
    ['^\\Q.*+\\E$', 'aaa', false],
    ['^[[:alpha:]]+$', 'abcXYZ', true],
    ['^[[:alpha:]]+$', 'abc1', false],
    ['^[[:^digit:]]+$', 'abc', true],
    ['^[[:^digit:]]+$', 'ab1', false],
    ['^\\d+$', '١٢', false],
    ['^\\pL+$', 'héllo', true],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['^\\PL$', '1', true],
    ['^a.c$', 'a\nc', false],
    ['(?s)^a.c$', 'a\nc', true],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['^.$', '😀', true],
    ['^\\x{1F600}$', '😀', true],
    ['^\\x41\\101$', 'AA', true],
    ['^a{2,3}$', 'aaa', true],
    ['^a{2,3}$', 'aaaa', false],
    ['^a{,2}$', 'a{,2}', true],
    ['^\\s$', '\u00a0', false],
    ['^\\s$', '\t', true],
    ['^[^\\s]$', 'x', true],
    ['^(?P<year>\\d{4})-(?<month>\\d{2})$', '2024-05', true],
    ['^x]$', 'x]', true],
    ['^[]a]+$', ']a]', true],
    ['^a-b\\-c$', 'a-b-c', true],
    ['^\\#\\!$', '#!', true],
  ])('regex.match(%j, %j) = %s', (pattern, value, expected) => {
    expect(call('regex.match', pattern, value)).toBe(expected);
    expect(call('re_match', pattern, value)).toBe(expected);
  });

  it.each([
    ['$^[[[', 'missing closing ]'],
    ['(abc', 'missing closing )'],
    ['abc)', 'unexpected )'],
    ['*a', 'missing argument to repetition operator'],
    ['a**', 'invalid nested repetition operator'],
    ['a{1001}', 'invalid repeat count'],
    ['a{3,2}', 'invalid repeat count'],
    ['(?=a)', 'invalid or unsupported Perl syntax'],
    ['(?!a)', 'invalid or unsupported Perl syntax'],
    ['(?<=a)b', 'invalid named capture'],
    ['(a)\\1', 'invalid escape sequence'],
    ['\\Z', 'invalid escape sequence'],
    ['[z-a]', 'invalid character class range'],
    ['[[:foo:]]', 'invalid character class range'],
    ['\\p{Klingon}', 'invalid character class range'],
    ['(?P<a-b>x)', 'invalid named capture'],
    ['(?P<n>a)(?P<n>b)', 'duplicate capture group name'],
    ['abc\\', 'trailing backslash at end of expression'],
  ])('rejects %j like RE2 (%s)', (pattern, reason) => {
    const error = callError('regex.match', pattern, 'x');
    expect(error.message).toContain(`regex.match: error parsing regexp: ${reason}`);
    expect(call('regex.is_valid', pattern)).toBe(false);
  });

  it('regex.is_valid is false for a non-string and true for valid patterns', () => {
    expect(call('regex.is_valid', 1)).toBe(false);
    expect(call('regex.is_valid', '^a+(b|c)*$')).toBe(true);
  });

  it('rejects non-string operands', () => {
    expect(callError('regex.match', 1, 'x').message).toBe(
      'regex.match: operand 1 must be string but got number',
    );
  });

  it('repeats assertions the way RE2 allows', () => {
    expect(() => new RegExp(translateRe2('^*a').source, 'u')).not.toThrow();
  });
});

describe('regex.find_n / regex.find_all_string_submatch_n', () => {
  it('finds up to n matches; -1 means all', () => {
    expect(call('regex.find_n', '[oa]+', 'foo bar baz', -1)).toEqual(['oo', 'a', 'a']);
    expect(call('regex.find_n', '[oa]+', 'foo bar baz', 2)).toEqual(['oo', 'a']);
    expect(call('regex.find_n', 'x', 'abc', -1)).toEqual([]);
    expect(call('regex.find_n', 'a*', 'baaab', -1)).toEqual(['', 'aaa', '']);
  });

  it('returns groups, with "" for groups that did not take part', () => {
    expect(call('regex.find_all_string_submatch_n', 'a(x*)b(c)?', '-axxb-ab-', -1)).toEqual([
      ['axxb', 'xx', ''],
      ['ab', '', ''],
    ]);
  });

  it('requires an integer count', () => {
    expect(callError('regex.find_n', 'a', 'a', 1.5).message).toContain('operand 3 must be integer');
  });
});

describe('regex.split / regex.replace', () => {
  it.each<[string, string, string[]]>([
    ['^[a-z]+\\[[0-9]+\\]$', '', ['']],
    ['^[a-z]+', 'foobar baz', ['', ' baz']],
    ['[a-z]+$', 'foobar baz', ['foobar ', '']],
    ['^[a-z]+$', 'foobar baz', ['foobar baz']],
    ['^[a-z ]+$', 'foobar baz', ['', '']],
    [',', 'a,b,,c', ['a', 'b', '', 'c']],
    ['', 'abc', ['a', 'b', 'c']],
  ])('regex.split(%j, %j) = %j', (pattern, value, expected) => {
    expect(call('regex.split', pattern, value)).toEqual(expected);
  });

  it.each<[string, string, string, string]>([
    ['-wxy-wy-', 'w(x*)y', '0', '-0-0-'],
    ['foo', '(foo)', '$1$1', 'foofoo'],
    ['2024-05', '(?P<y>\\d+)-(?P<m>\\d+)', '${m}/${y}', '05/2024'],
    ['abc', 'b', '$$', 'a$c'],
    ['abc', 'b', '$1x', 'ac'],
    ['abc', 'x*', '-', '-a-b-c-'],
    ['aaa', '^a', 'b', 'baa'],
  ])('regex.replace(%j, %j, %j) = %j', (base, pattern, value, expected) => {
    expect(call('regex.replace', base, pattern, value)).toBe(expected);
  });

  it('makes a bad pattern an error', () => {
    expect(callError('regex.replace', 'a', '[', '$1').message).toContain('missing closing ]');
  });
});

describe('regex.template_match', () => {
  it.each<[string, string, boolean]>([
    ['urn:foo:{.*}', 'urn:foo:bar:baz', true],
    ['urn:foo:{.*}', 'urn:fo:bar', false],
    ['urn:foo.bar.com:{.*}', 'urn:foo.bar.com:x', true],
    ['urn:foo.bar.com:{.*}', 'urn:fooXbar.com:x', false],
    ['urn:{[0-9]{2}}:x', 'urn:12:x', true],
  ])('regex.template_match(%j, %j, "{", "}") = %s', (template, value, expected) => {
    expect(call('regex.template_match', template, value, '{', '}')).toBe(expected);
  });

  it('supports other delimiters and rejects bad ones', () => {
    expect(call('regex.template_match', 'urn:<[a-z]+>', 'urn:abc', '<', '>')).toBe(true);
    expect(callError('regex.template_match', 'a', 'a', '{{', '}').message).toContain(
      'start delimiter has to be exactly one character long but is 2 long',
    );
    expect(callError('regex.template_match', 'urn:{a', 'x', '{', '}').message).toContain(
      'unbalanced braces',
    );
  });
});

describe('regex.globs_match', () => {
  it.each<[string, string, boolean]>([
    ['a.a.', '.b.b', true],
    ['[a-z]+', '[0-9]+', false],
    ['a*', 'b*', true],
    ['a+', 'b+', false],
    ['foo.*', '.*bar', true],
    ['[^a]', 'a', false],
    ['\\.', '.', true],
  ])('regex.globs_match(%j, %j) = %s', (left, right, expected) => {
    expect(call('regex.globs_match', left, right)).toBe(expected);
  });
});
