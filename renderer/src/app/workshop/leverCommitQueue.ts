/**
 * Workshop mode: lever changes saved once each lever has stayed still, the last value winning, and
 * a change that finds the plan busy tried again. Pure (timers are passed in); unit-tested.
 */

/** 'busy' means another change to the plan was running, so this one did not start. */
export type CommitOutcome = 'saved' | 'busy' | 'failed';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LeverCommitQueueOptions {
  /** Saves one lever's value (per cent) in the plan. */
  commit(key: string, percent: number): Promise<CommitOutcome>;
  /** Called once a value has been saved or has finally failed. */
  onSettled?(key: string, percent: number, outcome: 'saved' | 'failed'): void;
  /** How long a lever must stay still before its value is saved. */
  delayMs: number;
  /** How many times a change waits for another one to finish before giving up. */
  maxRetries?: number;
  timers?: Timers;
}

/**
 * Saves lever changes once each lever has stayed still for `delayMs`: a newer value for the same
 * lever replaces an older one not yet saved, and a change that finds the plan busy tries again
 * after the same delay, so the last value always wins.
 */
export class LeverCommitQueue {
  private readonly pending = new Map<string, { percent: number; handle: unknown; attempts: number }>();
  private readonly timers: Timers;
  private readonly maxRetries: number;

  constructor(private readonly options: LeverCommitQueueOptions) {
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
    };
    this.maxRetries = options.maxRetries ?? 20;
  }

  /** A lever moved: (re)start its wait. */
  change(key: string, percent: number): void {
    this.schedule(key, percent, 0, this.options.delayMs);
  }

  /** Whether a value is waiting to be saved for this lever (or any lever). */
  isPending(key?: string): boolean {
    return key === undefined ? this.pending.size > 0 : this.pending.has(key);
  }

  /** Saves every waiting value now (e.g. when the lever panel closes). */
  flush(): void {
    for (const [key, entry] of [...this.pending]) {
      this.timers.clearTimeout(entry.handle);
      void this.run(key, entry.percent, entry.attempts);
    }
  }

  private schedule(key: string, percent: number, attempts: number, delay: number): void {
    const previous = this.pending.get(key);
    if (previous) this.timers.clearTimeout(previous.handle);
    const handle = this.timers.setTimeout(() => void this.run(key, percent, attempts), delay);
    this.pending.set(key, { percent, handle, attempts });
  }

  private async run(key: string, percent: number, attempts: number): Promise<void> {
    if (this.pending.get(key)?.percent === percent) this.pending.delete(key);
    let outcome: CommitOutcome;
    try {
      outcome = await this.options.commit(key, percent);
    } catch {
      outcome = 'failed';
    }
    if (outcome === 'busy') {
      // A newer value supersedes this one; otherwise try again shortly.
      if (this.pending.has(key)) return;
      if (attempts < this.maxRetries) {
        this.schedule(key, percent, attempts + 1, this.options.delayMs);
        return;
      }
      outcome = 'failed';
    }
    this.options.onSettled?.(key, percent, outcome);
  }
}
