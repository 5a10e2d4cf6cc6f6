/**
 * The one serialisable error shape that crosses every boundary (IPC and HTTP).
 */
export const apiErrorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CALL',
  'NO_PLAN_OPEN',
  'NOT_A_PLAN',
  'CORRUPT_PLAN',
  'NEWER_SCHEMA',
  'MIGRATION_MISMATCH',
  'NOT_FOUND',
  'NEEDS_PATH',
  'PLAN_LOCKED',
  'CHANGED_ON_DISK',
  'IO_ERROR',
  'UNSUPPORTED',
  'CANCELLED',
  'UNAUTHORISED',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services and by the renderer client; serialises to {@link ApiError}. */
export class PlannerError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PlannerError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' && (apiErrorCodes as readonly string[]).includes(v.code) && typeof v.message === 'string'
  );
}

/** Converts anything thrown into the serialisable error shape, never leaking stack traces. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof PlannerError) return error.toJSON();
  if (isApiError(error)) return { code: error.code, message: error.message, details: error.details };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

/** What every call returns over a transport. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
