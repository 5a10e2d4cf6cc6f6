/**
 * What every `planner` command shares when it reads its arguments: the usage error (exit 2, with
 * the help), the output channels, and the values options take (a plan file, a whole number).
 */
import path from 'node:path';

export class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The file given with --plan, resolved; a missing value, or another option in its place, is a usage error. */
export function planFileArg(value: string | undefined): string {
  if (!value || value.startsWith('--')) throw new UsageError('--plan needs a file path.');
  return path.resolve(value);
}

export function intArg(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} needs a whole number from ${min} to ${max}.`);
  }
  return n;
}
