/**
 * Errors as RFC 9457 problem documents with stable codes. The only place where an error code
 * becomes an HTTP status.
 */
import type { FastifyError } from 'fastify';
import { AppError, type ErrorCode, type FieldError } from '../errors.js';

export const statusOf: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const titles: Readonly<Record<ErrorCode, string>> = {
  invalid: 'Invalid request',
  unauthenticated: 'Not signed in',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Maps anything thrown in a request to a problem document; unknown errors become `internal`. */
export function toProblem(error: unknown, instance: string, requestId: string): Problem {
  const appError = asAppError(error);
  const status = statusOf[appError.code];
  return {
    type: `https://vigil.invalid/problems/${appError.code}`,
    title: titles[appError.code],
    status,
    code: appError.code,
    detail: appError.code === 'internal' ? 'Something went wrong on our side; the request id identifies it in the logs' : appError.message,
    instance,
    requestId,
    ...(appError.errors.length > 0 && { errors: [...appError.errors] }),
  };
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const errors = fastifyError.validation.map((issue) => fieldErrorOf(issue, fastifyError.validationContext ?? 'body'));
    return new AppError(
      'invalid',
      `The ${fastifyError.validationContext ?? 'request'} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return new AppError('payload_too_large', 'The request body is larger than the server accepts');
  if (status === 429) return new AppError('rate_limited', fastifyError.message ?? 'Too many requests');
  if (status === 404) return new AppError('not_found', fastifyError.message ?? 'Not found');
  if (status >= 400 && status < 500) {
    const message =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'The body is not valid JSON'
        : (fastifyError.message ?? 'Bad request');
    return new AppError('invalid', message, { errors: [{ field: 'body', message }] });
  }
  return new AppError('internal', 'Internal error', { cause: error });
}

function fieldErrorOf(issue: ValidationIssue, context: string): FieldError {
  const path = (issue.instancePath ?? '').replace(/^\//, '');
  const extra = issue.params?.['additionalProperty'] ?? issue.params?.['missingProperty'];
  const field = [path, typeof extra === 'string' ? extra : ''].filter((p) => p !== '').join('/') || context;
  const message = issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is not valid');
  return { field: context === 'body' ? field : `${context}.${field}`, message };
}
