/**
 * A parser for the part of Go's text/template that strings.render_template policies use:
 * text, `{{pipeline}}`, `{{if}}`/`{{else if}}`/`{{else}}`/`{{end}}`, `{{range}}` (with
 * `$i, $v :=`), `{{with}}`, variables, comments and `{{-`/`-}}` trimming. Anything else is
 * a TemplateError naming the construct, never a silent misreading.
 */

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export type Argument =
  | { kind: 'field'; base: 'dot' | string; path: string[] }
  | { kind: 'literal'; value: unknown; literal: 'string' | 'number' | 'boolean' | 'nil' }
  | { kind: 'function'; name: string }
  | { kind: 'pipeline'; pipeline: Pipeline };

export interface Pipeline {
  /** Variables the pipeline declares (`$v :=`) or, in range, binds (`$i, $v :=`). */
  declare: string[];
  /** Commands joined by `|`: each command's value is the last argument of the next. */
  commands: Argument[][];
}

export type TemplateNode =
  { kind: 'text'; text: string } | { kind: 'print'; pipeline: Pipeline } | BlockNode;

/** `{{if}}`, `{{with}}` or `{{range}}` with its body and its `{{else}}` branch. */
export interface BlockNode {
  kind: 'if' | 'with' | 'range';
  pipeline: Pipeline;
  body: TemplateNode[];
  otherwise: TemplateNode[];
}

interface Action {
  text: string;
}

/** Splits the source into text and action pieces, applying the trim markers. */
function split(source: string): Array<string | Action> {
  const pieces: Array<string | Action> = [];
  let position = 0;
  while (position < source.length) {
    const open = source.indexOf('{{', position);
    if (open < 0) {
      pieces.push(source.slice(position));
      break;
    }
    let text = source.slice(position, open);
    let inner = open + 2;
    if (
      source.startsWith('- ', inner) ||
      source.startsWith('-\t', inner) ||
      source.startsWith('-\n', inner)
    ) {
      text = text.replace(/\s+$/, '');
      inner += 1;
    }
    if (text) pieces.push(text);
    const close = closingBraces(source, inner);
    let body = source.slice(inner, close);
    position = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const rest = source.slice(position);
      position += rest.length - rest.replace(/^\s+/, '').length;
    }
    pieces.push({ text: body.trim() });
  }
  return pieces;
}

/** The `}}` closing an action, skipping quoted strings. */
function closingBraces(source: string, from: number): number {
  let quote: string | null = null;
  for (let index = from; index < source.length; index++) {
    const char = source[index];
    if (quote) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === '`' || char === "'") quote = char;
    else if (source.startsWith('}}', index)) return index;
  }
  throw new TemplateError('unclosed action');
}

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(:=|=|\||\(|\)|,)|(\$[A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?)|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*))/y;

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'symbol'; value: string }
  | { kind: 'variable'; name: string; path: string[] }
  | { kind: 'field'; path: string[] }
  | { kind: 'number'; value: number }
  | { kind: 'word'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match)
      throw new TemplateError(`unexpected ${JSON.stringify(text.slice(at).trim())} in action`);
    const [, quoted, raw, symbol, variable, field, number, word] = match;
    if (quoted !== undefined) tokens.push({ kind: 'string', value: JSON.parse(quoted) as string });
    else if (raw !== undefined) tokens.push({ kind: 'string', value: raw.slice(1, -1) });
    else if (symbol !== undefined) tokens.push({ kind: 'symbol', value: symbol });
    else if (variable !== undefined) {
      const [name, ...path] = variable.split('.');
      tokens.push({ kind: 'variable', name, path });
    } else if (field !== undefined)
      tokens.push({ kind: 'field', path: field === '.' ? [] : field.slice(1).split('.') });
    else if (number !== undefined) tokens.push({ kind: 'number', value: Number(number) });
    else tokens.push({ kind: 'word', value: word });
  }
  return tokens;
}

function parsePipeline(tokens: Token[], allowDeclare: boolean): Pipeline {
  const declare: string[] = [];
  const assign = tokens.findIndex((token) => token.kind === 'symbol' && token.value === ':=');
  let rest = tokens;
  if (assign >= 0) {
    if (!allowDeclare) throw new TemplateError('variable declaration not allowed here');
    for (const token of tokens.slice(0, assign)) {
      if (token.kind === 'variable' && token.path.length === 0) declare.push(token.name);
      else if (!(token.kind === 'symbol' && token.value === ','))
        throw new TemplateError('expected variables before :=');
    }
    rest = tokens.slice(assign + 1);
  }
  const commands: Argument[][] = [[]];
  for (let index = 0; index < rest.length; index++) {
    const token = rest[index];
    const command = commands[commands.length - 1];
    if (token.kind === 'symbol' && token.value === '|') {
      commands.push([]);
    } else if (token.kind === 'symbol' && token.value === '(') {
      const end = matchingParen(rest, index);
      command.push({
        kind: 'pipeline',
        pipeline: parsePipeline(rest.slice(index + 1, end), false),
      });
      index = end;
    } else command.push(argumentOf(token));
  }
  if (commands.some((command) => command.length === 0))
    throw new TemplateError('missing value for command');
  return { declare, commands };
}

function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.kind !== 'symbol') continue;
    if (token.value === '(') depth++;
    if (token.value === ')' && --depth === 0) return index;
  }
  throw new TemplateError('unclosed left paren');
}

function argumentOf(token: Token): Argument {
  switch (token.kind) {
    case 'string':
      return { kind: 'literal', value: token.value, literal: 'string' };
    case 'number':
      return { kind: 'literal', value: token.value, literal: 'number' };
    case 'field':
      return { kind: 'field', base: 'dot', path: token.path };
    case 'variable':
      return { kind: 'field', base: token.name, path: token.path };
    case 'word':
      if (token.value === 'true' || token.value === 'false')
        return { kind: 'literal', value: token.value === 'true', literal: 'boolean' };
      if (token.value === 'nil') return { kind: 'literal', value: null, literal: 'nil' };
      return { kind: 'function', name: token.value };
    case 'symbol':
      throw new TemplateError(`unexpected ${JSON.stringify(token.value)} in command`);
  }
}

const BLOCK_KEYWORDS = new Set(['if', 'with', 'range']);
const UNSUPPORTED_KEYWORDS = new Set(['define', 'template', 'block', 'break', 'continue']);

/** Parses a template into nodes; throws TemplateError for a malformed or unsupported one. */
export function parseTemplate(source: string): TemplateNode[] {
  const pieces = split(source);
  let position = 0;

  // Parses nodes until `{{end}}`/`{{else…}}` (returned as the terminator) or the end.
  const parseList = (): { nodes: TemplateNode[]; terminator: Token[] | null } => {
    const nodes: TemplateNode[] = [];
    while (position < pieces.length) {
      const piece = pieces[position++];
      if (typeof piece === 'string') {
        nodes.push({ kind: 'text', text: piece });
        continue;
      }
      if (piece.text.startsWith('/*')) {
        if (!piece.text.endsWith('*/')) throw new TemplateError('unclosed comment');
        continue;
      }
      const tokens = tokenize(piece.text);
      const first = tokens[0];
      if (!first) throw new TemplateError('missing value for command');
      if (first.kind === 'word' && (first.value === 'end' || first.value === 'else'))
        return { nodes, terminator: tokens };
      if (first.kind === 'word' && UNSUPPORTED_KEYWORDS.has(first.value))
        throw new TemplateError(
          `{{${first.value}}} is not supported by strings.render_template here`,
        );
      if (first.kind === 'word' && BLOCK_KEYWORDS.has(first.value)) {
        nodes.push(parseBlock(first.value as 'if' | 'with' | 'range', tokens.slice(1)));
        continue;
      }
      nodes.push({ kind: 'print', pipeline: parsePipeline(tokens, true) });
    }
    return { nodes, terminator: null };
  };

  const parseBlock = (kind: 'if' | 'with' | 'range', tokens: Token[]): TemplateNode => {
    const pipeline = parsePipeline(tokens, kind !== 'if');
    const body = parseList();
    if (!body.terminator) throw new TemplateError(`unexpected EOF in {{${kind}}}`);
    let otherwise: TemplateNode[] = [];
    const [, next] = body.terminator;
    if (body.terminator[0].kind === 'word' && body.terminator[0].value === 'else') {
      if (next && next.kind === 'word' && next.value === kind && kind !== 'range') {
        // `{{else if …}}` is an if nested in the else branch sharing the outer {{end}}.
        otherwise = [parseBlock(kind, body.terminator.slice(2))];
      } else {
        if (next) throw new TemplateError('unexpected tokens after else');
        const rest = parseList();
        if (
          !rest.terminator ||
          rest.terminator.length !== 1 ||
          (rest.terminator[0] as { value?: string }).value !== 'end'
        )
          throw new TemplateError(`expected {{end}} for {{${kind}}}`);
        otherwise = rest.nodes;
      }
    } else if (body.terminator.length !== 1) {
      throw new TemplateError('unexpected tokens after end');
    }
    return { kind, pipeline, body: body.nodes, otherwise };
  };

  const { nodes, terminator } = parseList();
  if (terminator)
    throw new TemplateError(`unexpected {{${(terminator[0] as { value: string }).value}}}`);
  return nodes;
}
