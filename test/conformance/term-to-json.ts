/**
 * Converts a parsed Rego term (OPA's `input_term`) into the JSON value the loader can pass
 * as input. Only ground JSON-shaped terms qualify: a set or a non-string key has no JSON
 * form, and a variable or call is not a value.
 */
import type { Term } from '../../libs/rego/src/ast/nodes';

export function termToJson(term: Term): unknown {
  switch (term.type) {
    case 'null':
      return null;
    case 'boolean':
      return term.value;
    case 'number':
      return Number(term.text);
    case 'string':
      return term.value;
    case 'array':
      return term.items.map(termToJson);
    case 'object':
      return Object.fromEntries(
        term.entries.map(([key, value]) => {
          if (key.type !== 'string')
            throw new Error(
              `input_term has a non-string object key (${key.type}); it has no JSON form`,
            );
          return [key.value, termToJson(value)];
        }),
      );
    default:
      throw new Error(
        `input_term contains a ${term.type}; only JSON-shaped values can be passed as input`,
      );
  }
}
