/** The list of recently opened plans, kept as a small JSON file in the app's data folder. */
import fs from 'node:fs';
import path from 'node:path';
import type { RecentPlan } from '#shared/api/contract.js';
import { PLAN_EXTENSION } from '../store/planFile.js';

const MAX_RECENT = 10;

interface StoredEntry {
  path: string;
  lastOpened: string;
}

export class RecentPlans {
  constructor(private readonly file: string) {}

  private read(): StoredEntry[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (e): e is StoredEntry =>
          typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.lastOpened === 'string',
      );
    } catch {
      return []; // missing or unreadable list: start afresh rather than fail
    }
  }

  private write(entries: StoredEntry[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries, null, 2));
    fs.renameSync(tmp, this.file);
  }

  list(): RecentPlan[] {
    return this.read().map((e) => ({
      path: e.path,
      name: path.basename(e.path, PLAN_EXTENSION),
      lastOpened: e.lastOpened,
      exists: fs.existsSync(e.path),
    }));
  }

  touch(planPath: string, when: Date = new Date()): void {
    const entries = this.read().filter((e) => e.path !== planPath);
    entries.unshift({ path: planPath, lastOpened: when.toISOString() });
    this.write(entries.slice(0, MAX_RECENT));
  }

  mostRecent(): string | undefined {
    return this.read()[0]?.path;
  }
}
