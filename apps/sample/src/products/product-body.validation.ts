import { BadRequestException } from '@nestjs/common';
import type { ProductInput } from './product.interface';

const MAX_NAME_LENGTH = 200;

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
    } else {
      result.name = input.name.trim();
    }
  }
  if (input.price_cents !== undefined || mode === 'create') {
    if (!Number.isSafeInteger(input.price_cents) || (input.price_cents as number) < 0) {
      problems.push('price_cents must be a non-negative integer');
    } else {
      result.price_cents = input.price_cents as number;
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
