import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RUNNING_LINE = /^Sufficiency Planner is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/;

export interface RunningApp {
  process: ChildProcess;
  url: string;
  port: number;
  token: string;
  stdoutLines: string[];
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `npm start -- <args>` as a real process (its own process group) and waits for its address. */
export function startApp(args: string[], env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines: string[] = [];
  let stderr = '';
  let buffer = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed within 90 s; stderr: ${stderr}`)), 90_000);
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing its address: ${stderr}`)));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        stdoutLines.push(line);
        const match = RUNNING_LINE.exec(line);
        if (match?.[1] && match[2] && match[3]) {
          clearTimeout(timer);
          resolve({
            process: child,
            url: match[1],
            port: Number(match[2]),
            token: match[3],
            stdoutLines,
            stderr: () => stderr,
            stop: async (signal = 'SIGTERM') => {
              if (child.exitCode === null && child.pid) process.kill(-child.pid, signal);
              return exited;
            },
          });
        }
      }
    });
  });
}
