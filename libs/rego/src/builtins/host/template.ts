/**
 * strings.render_template: Go's text/template over the variables object, with OPA's
 * `missingkey=error` (see template/ for the supported part of the language).
 */
import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { objectOperand, stringOperand } from './operands';
import { executeTemplate } from './template/template-execute';
import { parseTemplate, TemplateError } from './template/template-parse';

const NAME = 'strings.render_template';

/** Registers strings.render_template. */
export function register(into: HostRegistry): void {
  define(into, NAME, 2, (template: unknown, variables: unknown) => {
    const source = stringOperand(NAME, 1, template);
    const data = objectOperand(NAME, 2, variables);
    try {
      return executeTemplate(parseTemplate(source), data);
    } catch (error) {
      if (error instanceof TemplateError)
        throw new BuiltinError(NAME, `template: ${error.message}`);
      throw error;
    }
  });
}
