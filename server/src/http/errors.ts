// Turns schema-validation failures into one clear sentence naming the field and the problem.
import type { FastifySchemaValidationError } from 'fastify';

const PART_NAMES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'field',
  headers: 'header',
};

export function validationMessage(
  errors: readonly FastifySchemaValidationError[],
  context: string | undefined,
): string {
  const part = PART_NAMES[context ?? ''] ?? 'value';
  const first = errors[0];
  if (!first) return `invalid ${part}`;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `unknown ${part} "${params.additionalProperty}"; remove it or check its spelling`;
  }
  if (first.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `missing ${part} "${params.missingProperty}"`;
  }
  const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return field
    ? `${part} ${field}: ${first.message ?? 'is invalid'}`
    : `${part}: ${first.message ?? 'is invalid'}`;
}

/**
 * A request the data refuses (not found, a conflict, a value out of place), thrown from query
 * code; the app's error handler answers it with `statusCode` and this message.
 */
export class RequestError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
