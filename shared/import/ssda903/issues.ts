/**
 * Issue reporting for the SSDA903 reader with a cap per kind: at most so many issues of one kind
 * (such as 'bad-date:DECOM') are listed for a file, and the rest are counted in one closing line.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { IssueCollector } from '../report.js';
import type { ImportIssue } from '../report.js';

export class IssueSink {
  private readonly collectors = new Map<string, IssueCollector>();
  private readonly order: IssueCollector[] = [];
  private readonly counts = new Map<string, { file: string; severity: 'error' | 'warning'; what: string; n: number }>();

  constructor(private readonly maxPerKind: number) {}

  collector(file: string): IssueCollector {
    let c = this.collectors.get(file);
    if (!c) {
      c = new IssueCollector(file);
      this.collectors.set(file, c);
      this.order.push(c);
    }
    return c;
  }

  /** Reports an issue; `kind` groups issues for the cap (e.g. 'bad-date:DECOM'). */
  report(
    file: string,
    severity: 'error' | 'warning',
    kind: string,
    what: string,
    row: number | null,
    column: string | null,
    message: string,
  ): void {
    const key = `${file}\u0000${kind}`;
    let entry = this.counts.get(key);
    if (!entry) {
      entry = { file, severity, what, n: 0 };
      this.counts.set(key, entry);
    }
    entry.n++;
    if (entry.n > this.maxPerKind) return;
    const c = this.collector(file);
    if (severity === 'error') c.error(row, column, message);
    else c.warning(row, column, message);
  }

  finish(): ImportIssue[] {
    for (const entry of this.counts.values()) {
      const more = entry.n - this.maxPerKind;
      if (more <= 0) continue;
      const c = this.collector(entry.file);
      const message = `${more} more row${more === 1 ? '' : 's'} with this problem (${entry.what}) not listed; ${entry.n} in all.`;
      if (entry.severity === 'error') c.error(null, null, message);
      else c.warning(null, null, message);
    }
    return this.order.flatMap((c) => c.issues);
  }
}
