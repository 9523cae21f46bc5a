import { BadRequestException } from '@nestjs/common';
import type { ProductInput } from './product.interface';

const MAX_NAME_LENGTH = 200;
/** The `price_cents` column is a 32-bit INTEGER in PostgreSQL; larger values are refused here. */
export const MAX_PRICE_CENTS = 2_147_483_647;
// Control characters (NUL above all, which PostgreSQL text cannot hold) are never a name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Validates a create (all fields) or patch (some fields) body. Unknown fields — including a
 * `tenant_id`, which only the verified token decides — are ignored, never stored.
 */
export function validateProductBody(
  body: unknown,
  mode: 'create' | 'patch',
): Partial<ProductInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(['body must be a JSON object']);
  }
  const input = body as Record<string, unknown>;
  const problems: string[] = [];
  const result: Partial<ProductInput> = {};

  if (input.name !== undefined || mode === 'create') {
    if (typeof input.name !== 'string' || input.name.trim() === '') {
      problems.push('name must be a non-empty string');
    } else if (input.name.length > MAX_NAME_LENGTH) {
      problems.push(`name must be at most ${MAX_NAME_LENGTH} characters`);
    } else if (CONTROL_CHARACTER.test(input.name)) {
      problems.push('name must not contain control characters');
    } else {
      result.name = input.name.trim();
    }
  }
  if (input.price_cents !== undefined || mode === 'create') {
    const price = input.price_cents;
    if (!Number.isInteger(price) || (price as number) < 0 || (price as number) > MAX_PRICE_CENTS) {
      problems.push(`price_cents must be an integer from 0 to ${MAX_PRICE_CENTS}`);
    } else {
      result.price_cents = price as number;
    }
  }
  if (mode === 'patch' && problems.length === 0 && Object.keys(result).length === 0) {
    problems.push('body must set name and/or price_cents');
  }
  if (problems.length > 0) throw badRequest(problems);
  return result;
}

function badRequest(problems: string[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
}
