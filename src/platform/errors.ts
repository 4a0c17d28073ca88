/**
 * The one error type that services throw. Only the HTTP layer maps a code to a status and a
 * problem document; only the CLI maps it to an exit code.
 */
export const errorCodes = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field, named by its path (`roles/0`, `body.username`). */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: readonly FieldError[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; errors?: FieldError[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options.errors ?? [];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this'): AppError => new AppError('forbidden', message);
export const invalid = (message: string, errors: FieldError[] = []): AppError => new AppError('invalid', message, { errors });
export const conflict = (message: string): AppError => new AppError('conflict', message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
