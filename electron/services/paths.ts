import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Sufficiency Planner';

/**
 * Where the app keeps its own files (working copies, recent plans): PLANNER_DATA_DIR when set
 * (tests, portable use), else the platform's usual per-user application data folder, the same
 * folder Electron's `userData` uses so both modes share the recent-plans list.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.PLANNER_DATA_DIR) return path.resolve(env.PLANNER_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

/**
 * The autosave interval in milliseconds: `--autosave SECONDS` when given, else PLANNER_AUTOSAVE_SECONDS,
 * else undefined (the plan service's default, one minute). 0 turns autosave off.
 */
export function autosaveIntervalMs(
  flagValue: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  const raw = flagValue ?? env.PLANNER_AUTOSAVE_SECONDS;
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
    throw new Error('The autosave interval must be a number of seconds from 0 (off) to 86400.');
  }
  return Math.round(seconds * 1000);
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/**
 * The maximum input size in bytes from `--max-input-size SIZE` (or PLANNER_MAX_INPUT_SIZE): a number
 * of bytes, or with a unit ("500MB", "2GiB"); undefined: the default (1 GiB). Throws a one-line
 * message for anything else.
 */
export function maxInputBytes(flagValue: string | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = flagValue ?? env.PLANNER_MAX_INPUT_SIZE;
  if (raw === undefined || raw.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = SIZE_UNITS[(m?.[2] ?? 'x').toLowerCase()];
  const bytes = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024 || bytes > 64 * 1024 ** 3) {
    throw new Error(
      `The maximum input size must be from 1 KiB to 64 GiB, as bytes or with a unit (500MB, 2GiB); got "${raw}".`,
    );
  }
  return bytes;
}
