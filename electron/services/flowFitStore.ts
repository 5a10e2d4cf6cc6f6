/**
 * The national placement-flow fit kept in a file: the build fits the gravity model once to the
 * built-in national figures (electron/flow-fit-build.ts) and the command line reads it back, so a
 * new plan does not spend a third of a second fitting the same model again. The fit is used only
 * for figures exactly equal to those it was fitted to (its key is its inputs); otherwise the plan is
 * fitted as before.
 */
import fs from 'node:fs';
import {
  nationalFlowFit,
  primeNationalFlowFit,
  type NationalFlowFit,
  type PlanFlowInputs,
} from '#shared/allocate/planFlows.js';

/** Non-finite numbers, which plain JSON would turn into null. */
function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;
}

function reviver(_key: string, value: unknown): unknown {
  const v = value as { $number?: unknown } | null;
  return v && typeof v === 'object' && typeof v.$number === 'string' ? Number(v.$number) : value;
}

const toBase64 = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromBase64(text: unknown, length: number): Float64Array {
  if (typeof text !== 'string') throw new Error('not a national flow fit');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 8) throw new Error('not a national flow fit');
  // copied so the array is aligned whatever the buffer's offset
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** The fit as text: its two n×n matrices as base64 of their 64-bit floats (exact, and quick to read). */
export function serialiseFlowFit(fit: NationalFlowFit): string {
  const { flows, miles, ...rest } = fit.model;
  return JSON.stringify({ key: fit.key, model: rest, flows: toBase64(flows), miles: toBase64(miles) }, replacer);
}

export function parseFlowFit(text: string): NationalFlowFit {
  const parsed = JSON.parse(text, reviver) as {
    key?: unknown;
    model?: Omit<NationalFlowFit['model'], 'flows' | 'miles'>;
    flows?: unknown;
    miles?: unknown;
  };
  if (typeof parsed.key !== 'string' || !parsed.model || !Array.isArray(parsed.model.codes)) {
    throw new Error('not a national flow fit');
  }
  const n = parsed.model.codes.length;
  return {
    key: parsed.key,
    model: { ...parsed.model, flows: fromBase64(parsed.flows, n * n), miles: fromBase64(parsed.miles, n * n) },
  };
}

/** Fits the national model to these figures and writes it to `file`; false when the figures cannot be fitted. */
export function writeFlowFit(file: string, data: PlanFlowInputs): boolean {
  const fit = nationalFlowFit(data);
  if (!fit) return false;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, serialiseFlowFit(fit));
  fs.renameSync(tmp, file);
  return true;
}

/** Holds the fit stored in `file`, if there is one that reads; a missing or unreadable file changes nothing. */
export function loadFlowFit(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    primeNationalFlowFit(parseFlowFit(text));
    return true;
  } catch {
    return false;
  }
}
