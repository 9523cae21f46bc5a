/** A pattern RE2 (Go's regexp) would reject; the message follows Go's wording. */
export class Re2SyntaxError extends Error {
  override readonly name = 'Re2SyntaxError';

  constructor(code: string, fragment: string) {
    super(`error parsing regexp: ${code}: \`${fragment}\``);
  }
}
