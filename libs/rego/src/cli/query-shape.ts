/**
 * Recognises queries that are a bare reference without variables (`data.a.b`,
 * `input.user`, `data.x["y"][0]`). A compiled query entrypoint only reports variable
 * bindings, so such a query is compiled as `<variable> = <ref>` to get its value.
 */
const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
const SEGMENT = `(?:\\.${IDENTIFIER}|\\[\\s*(?:"(?:[^"\\\\]|\\\\.)*"|-?\\d+)\\s*\\])`;
const VARLESS_REF = new RegExp(`^\\s*(?:data|input)${SEGMENT}*\\s*$`);

/** Name of the variable a var-less reference query is bound to. */
export const VALUE_VARIABLE = '__value__';

/** True for a reference query whose path has no variables: `data.test.x`, `input["a b"]`. */
export function isVarlessRefQuery(query: string): boolean {
  return VARLESS_REF.test(query);
}

/** `data.test.x` → `__value__ = data.test.x`. */
export function bindRefQuery(query: string): string {
  return `${VALUE_VARIABLE} = ${query.trim()}`;
}
