/** strings.render_template: Go text/template semantics with OPA's missingkey=error. */
import { call, callError } from './host-test-helpers';

const render = (template: string, vars: Record<string, unknown>) =>
  call('strings.render_template', template, vars);

describe('strings.render_template', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['hi {{.n}}', { n: 'x' }, 'hi x'],
    ['{{.a}}', { a: 1 }, '1'],
    ['{{.a}} {{.b}} {{.c}}', { a: 1.5, b: true, c: null }, '1.5 true <no value>'],
    [
      '{{.list}} {{.obj}}',
      { list: [1, 'a', null], obj: { b: 2, a: [1] } },
      '[1 a <nil>] map[a:[1] b:2]',
    ],
    ['{{.user.name}}', { user: { name: 'alice' } }, 'alice'],
    ['{{if .admin}}admin{{else}}user{{end}}', { admin: true }, 'admin'],
    ['{{if .admin}}admin{{else}}user{{end}}', { admin: [] }, 'user'],
    ['{{if .a}}A{{else if .b}}B{{else}}C{{end}}', { a: 0, b: 'x' }, 'B'],
    ['{{range .items}}[{{.}}]{{end}}', { items: ['a', 'b'] }, '[a][b]'],
    ['{{range $i, $v := .items}}{{$i}}={{$v}};{{end}}', { items: ['a', 'b'] }, '0=a;1=b;'],
    ['{{range $k, $v := .m}}{{$k}}:{{$v}} {{end}}', { m: { b: 2, a: 1 } }, 'a:1 b:2 '],
    ['{{range .items}}x{{else}}none{{end}}', { items: [] }, 'none'],
    ['{{with .user}}{{.name}}{{end}}', { user: { name: 'bob' } }, 'bob'],
    ['{{$n := .name}}{{range .items}}{{$n}}{{.}}{{end}}', { name: 'n', items: [1, 2] }, 'n1n2'],
    ['a  {{- .x -}}  b', { x: 'X' }, 'aXb'],
    ['{{/* a comment */}}ok', {}, 'ok'],
    [
      '{{len .items}} {{index .items 1}} {{index .m "k"}}',
      { items: [5, 6], m: { k: 'v' } },
      '2 6 v',
    ],
    ['{{if and .a (not .b)}}yes{{end}}', { a: 1, b: false }, 'yes'],
    ['{{or .a .b}}', { a: '', b: 'fallback' }, 'fallback'],
    ['{{if eq .role "admin" "owner"}}ok{{end}}', { role: 'owner' }, 'ok'],
    ['{{if lt (len .s) 3}}short{{end}}', { s: 'ab' }, 'short'],
    ['{{printf "%s-%d" .a 7}}', { a: 'x' }, 'x-7'],
    ['{{.a | printf "<%s>"}}', { a: 'x' }, '<x>'],
    ['{{print "a" 1 2 "b"}}', {}, 'a1 2b'],
    ['no actions', {}, 'no actions'],
  ])('%s', (template, vars, expected) => {
    expect(render(template, vars)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['{{.missing}}', {}, 'map has no entry for key "missing"'],
    ['{{.a.b}}', { a: 'text' }, "can't evaluate field b in type string"],
    ['{{if .a}}x', { a: 1 }, 'unexpected EOF in {{if}}'],
    ['{{end}}', {}, 'unexpected {{end}}'],
    ['{{.a', {}, 'unclosed action'],
    ['{{nope .a}}', { a: 1 }, 'function "nope" not defined'],
    ['{{template "x"}}', {}, 'not supported'],
    ['{{$x}}', {}, 'undefined variable: $x'],
    ['{{if eq .n 1}}x{{end}}', { n: 1 }, 'incompatible types for comparison'],
  ])('%s fails with %s', (template, vars, message) => {
    const error = callError('strings.render_template', template, vars);
    expect(error.message).toContain('strings.render_template: template: ');
    expect(error.message).toContain(message);
    expect(error.code).toBe('eval_builtin_error');
  });

  it('checks its operands', () => {
    expect(callError('strings.render_template', 1, {}).code).toBe('eval_type_error');
    expect(callError('strings.render_template', '', []).message).toBe(
      'strings.render_template: operand 2 must be object but got array',
    );
  });
});
