import { compileRegex, type CompiledRegex } from './compiled-regex';

/** Go's regexp.QuoteMeta: escapes every RE2 metacharacter. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, (character) => `\\${character}`);
}

/**
 * Compiles a regex template such as `urn:foo:{[a-z]+}`: text between the delimiters is
 * a regular expression, the rest is literal, the whole value must match. Throws an
 * Error for unbalanced delimiters and Re2SyntaxError for a bad inner pattern.
 */
export function compileTemplate(template: string, start: string, end: string): CompiledRegex {
  let level = 0;
  let open = 0;
  let copiedUpTo = 0;
  let pattern = '^';
  for (let index = 0; index < template.length; index++) {
    const character = template[index];
    if (character === start) {
      if (++level === 1) open = index;
    } else if (character === end) {
      level--;
      if (level < 0) throw new Error(`unbalanced braces in ${JSON.stringify(template)}`);
      if (level === 0) {
        const inner = template.slice(open + 1, index);
        // Each variable must be a valid pattern on its own, as OPA checks.
        compileRegex(`^${inner}$`);
        pattern += `${quoteMeta(template.slice(copiedUpTo, open))}(${inner})`;
        copiedUpTo = index + 1;
      }
    }
  }
  if (level !== 0) throw new Error(`unbalanced braces in ${JSON.stringify(template)}`);
  return compileRegex(`${pattern}${quoteMeta(template.slice(copiedUpTo))}$`);
}
