import { tokenize } from '../../src/syntax/lexer';

/** `kind:text@line:col` for each token, eof included. */
function summarize(source: string): string[] {
  return tokenize(source, 't.rego').tokens.map(
    (token) => `${token.kind}:${token.text}@${token.location.line}:${token.location.col}`,
  );
}

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['p := 1', ['ident:p@1:1', 'punct::=@1:3', 'number:1@1:6', 'eof:@1:7']],
    [
      'a==b!=c<=d>=e<f>g',
      [
        'ident:a@1:1',
        'punct:==@1:2',
        'ident:b@1:4',
        'punct:!=@1:5',
        'ident:c@1:7',
        'punct:<=@1:8',
        'ident:d@1:10',
        'punct:>=@1:11',
        'ident:e@1:13',
        'punct:<@1:14',
        'ident:f@1:15',
        'punct:>@1:16',
        'ident:g@1:17',
        'eof:@1:18',
      ],
    ],
    ['x # comment\n  y', ['ident:x@1:1', 'ident:y@2:3', 'eof:@2:4']],
    ['1.5e-3 0 12', ['number:1.5e-3@1:1', 'number:0@1:8', 'number:12@1:10', 'eof:@1:12']],
    ['`a\nb` c', ['string:`a\nb`@1:1', 'ident:c@2:4', 'eof:@2:5']],
    [
      '{[()]},.;:|&+-*/%',
      [
        'punct:{@1:1',
        'punct:[@1:2',
        'punct:(@1:3',
        'punct:)@1:4',
        'punct:]@1:5',
        'punct:}@1:6',
        'punct:,@1:7',
        'punct:.@1:8',
        'punct:;@1:9',
        'punct::@1:10',
        'punct:|@1:11',
        'punct:&@1:12',
        'punct:+@1:13',
        'punct:-@1:14',
        'punct:*@1:15',
        'punct:/@1:16',
        'punct:%@1:17',
        'eof:@1:18',
      ],
    ],
  ])('%j', (source, expected) => {
    expect(summarize(source)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['"a\\"b"', 'a"b'],
    ['"\\\\ \\/ \\b\\f\\n\\r\\t"', '\\ / \b\f\n\r\t'],
    ['"\\u00e9"', 'é'],
    ['"\\ud83d\\ude00"', '😀'],
    ['`no \\n escapes`', 'no \\n escapes'],
  ])('decodes %s', (source, value) => {
    const { tokens, diagnostics } = tokenize(source, 't.rego');
    expect(diagnostics).toEqual([]);
    expect(tokens[0].value).toBe(value);
  });

  it('marks tokens preceded by a line break or by space', () => {
    const tokens = tokenize('a b\nc[d]', 't.rego').tokens;
    expect(tokens.map((token) => [token.text, token.newlineBefore, token.spaceBefore])).toEqual([
      ['a', false, false],
      ['b', false, true],
      ['c', true, true],
      ['[', false, false],
      ['d', false, false],
      [']', false, false],
      ['', false, false],
    ]);
  });

  it.each<[string, string]>([
    ['"abc', '1:1: non-terminated string'],
    ['"a\\qb"', '1:3: illegal escape sequence in string'],
    ['`abc', '1:1: non-terminated raw string'],
    ['x := 01', "1:6: invalid number '01'"],
    ['x := 1.', "1:6: invalid number '1.'"],
    ['x := @', "1:6: illegal token '@'"],
  ])('reports %j', (source, expected) => {
    const { tokens, diagnostics } = tokenize(source, 't.rego');
    expect(diagnostics.map((d) => `${d.location.line}:${d.location.col}: ${d.message}`)).toEqual([
      expected,
    ]);
    expect(tokens.some((token) => token.kind === 'illegal')).toBe(true);
  });
});
