/**
 * Formats the argument of `internal.print`: an array with one set (arriving as an array)
 * per `print` operand. An empty set is an undefined operand. Strings print bare, other
 * values as JSON; operands are separated by a space, as OPA prints them.
 */
export function formatPrintOperands(operands: unknown): string {
  if (!Array.isArray(operands)) return formatValue(operands);
  return operands
    .map((operand) => {
      if (!Array.isArray(operand)) return formatValue(operand);
      if (operand.length === 0) return '<undefined>';
      return operand.map(formatValue).join(', ');
    })
    .join(' ');
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
