/** Modules: the `package` line, imports (which may switch keywords or the version), rules. */
import type { Import, Module, Package, RefTerm, Rule, Term, VarTerm } from '../ast/nodes';
import { FUTURE_KEYWORDS } from './tokens';
import { parseRule } from './parse-rule';
import { parsePostfix } from './parse-term';
import { ParseAbort, type ParserState } from './parser-state';

/** After this many errors the rest of the file is not worth reporting. */
const MAX_REPORTED_ERRORS = 10;
const IMPORT_ROOTS = new Set(['data', 'input', 'future', 'rego']);

export function parseModuleFrom(state: ParserState): Module | null {
  const packageNode = parsePackageOrStop(state);
  if (!packageNode) return null;
  const imports: Import[] = [];
  const rules: Rule[] = [];
  while (state.current.kind !== 'eof' && state.diagnostics.length < MAX_REPORTED_ERRORS) {
    try {
      // No line break is needed between statements: OPA reads `r["s"] p1 { … }` (v0) as
      // two rules, and so do we.
      state.startStatement();
      if (state.atKeyword('import')) imports.push(parseImport(state));
      else if (state.atKeyword('package')) state.unexpected('only one package per module');
      else rules.push(...parseRule(state, packageNode.path));
    } catch (error) {
      if (!(error instanceof ParseAbort)) throw error;
      skipToNextStatement(state);
    }
  }
  if (state.diagnostics.length > 0) return null;
  return {
    type: 'module',
    file: state.file,
    regoVersion: state.regoVersion,
    package: packageNode,
    imports,
    rules,
  };
}

function parsePackageOrStop(state: ParserState): Package | null {
  try {
    if (!state.atKeyword('package')) {
      state.fail(
        state.current.location,
        state.current.kind === 'eof' ? 'empty module' : 'package expected',
      );
    }
    const start = state.advance().location;
    const pathTerm = parsePostfix(state);
    const path = namesOf(pathTerm);
    if (!path) state.fail(pathTerm.location, 'package must be a reference of names');
    return { type: 'package', path, location: state.span(start) };
  } catch (error) {
    if (!(error instanceof ParseAbort)) throw error;
    return null;
  }
}

/** `a.b["c"]` → `["a", "b", "c"]`; null when some part is not a constant string. */
function namesOf(term: Term): string[] | null {
  if (term.type === 'var') return term.generated ? null : [term.name];
  if (term.type !== 'ref' || term.head.type !== 'var' || term.head.generated) return null;
  const names = [term.head.name];
  for (const part of term.path) {
    if (part.type !== 'string') return null;
    names.push(part.value);
  }
  return names;
}

function parseImport(state: ParserState): Import {
  const start = state.advance().location;
  const pathTerm = parsePostfix(state);
  const names = pathTerm.type === 'var' || pathTerm.type === 'ref' ? namesOf(pathTerm) : null;
  if (!names || !IMPORT_ROOTS.has(names[0])) {
    state.fail(
      pathTerm.location,
      'invalid import path: must begin with input, data, future or rego',
    );
  }
  let alias: string | null = null;
  if (state.eatKeyword('as')) {
    const token = state.current;
    if (token.kind !== 'ident' || state.isKeyword(token.text))
      state.unexpected('expected alias name');
    state.advance();
    alias = token.text;
  }
  applyKeywordImport(state, names, pathTerm.location);
  return {
    type: 'import',
    path: pathTerm as RefTerm | VarTerm,
    alias,
    location: state.span(start),
  };
}

/** `future.keywords[.kw]` enables keywords; `rego.v1` switches a v0 file to v1 rules. */
function applyKeywordImport(
  state: ParserState,
  names: string[],
  location: RefTerm['location'],
): void {
  if (names[0] === 'future' || names[0] === 'rego') {
    // As in OPA: rego.v1 already implies every future keyword, so the two cannot be combined.
    if (state.importedRegoV1 || (names[0] === 'rego' && state.importedFutureKeywords)) {
      const what =
        names[0] === 'rego' && state.importedRegoV1
          ? 'duplicate import rego.v1'
          : 'the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive';
      state.fail(location, what);
    }
    if (names[0] === 'rego') state.importedRegoV1 = true;
    else state.importedFutureKeywords = true;
  }
  if (names[0] === 'future') {
    if (names[1] !== 'keywords' || names.length > 3)
      state.fail(location, 'invalid import, must be future.keywords or future.keywords.<keyword>');
    if (names.length === 2) state.enableAllFutureKeywords();
    else if (FUTURE_KEYWORDS.includes(names[2])) state.futureKeywords.add(names[2]);
    // `not` is a keyword already; importing it only lets it negate a whole `{ … }` body.
    else if (names[2] === 'not') state.notBodies = true;
    else
      state.fail(
        location,
        `unexpected keyword, must be one of [${FUTURE_KEYWORDS.slice().sort().join(' ')}]`,
      );
  } else if (names[0] === 'rego') {
    if (names.length !== 2 || (names[1] !== 'v1' && names[1] !== 'v2'))
      state.fail(location, `invalid import ${names.join('.')}, must be rego.v1`);
    state.regoVersion = 'v1';
    state.enableAllFutureKeywords();
    // Of what rego.v2 adds to v1, only `not { … }` bodies are supported.
    if (names[1] === 'v2') state.notBodies = true;
  }
}

/** Error recovery: resume at the next line that starts in column 1 (the next top-level statement). */
function skipToNextStatement(state: ParserState): void {
  if (state.current.kind !== 'eof') state.advance();
  while (
    state.current.kind !== 'eof' &&
    !(state.current.newlineBefore && state.current.location.col === 1)
  ) {
    state.advance();
  }
}
