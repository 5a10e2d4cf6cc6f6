/**
 * An error as the app shows it: the API's error code when the host gave one, and a message for
 * people. Every view turns a failed call into one with toShownError.
 */
import type { ApiErrorCode } from '#shared/api/errors.js';
import { isPlannerError } from '../../api';

export interface ShownError {
  code: ApiErrorCode | null;
  message: string;
}

export function toShownError(error: unknown): ShownError {
  if (isPlannerError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: null, message: error.message || 'Something went wrong.' };
  return { code: null, message: String(error) };
}
