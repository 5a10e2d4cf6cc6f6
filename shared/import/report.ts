/**
 * The validation report every importer returns: each problem names the file, row, column and
 * what is wrong, graded error (blocks the import) or warning (imported, shown).
 */
export type IssueSeverity = 'error' | 'warning';

export interface ImportIssue {
  severity: IssueSeverity;
  /** File name as the user chose it. */
  file: string;
  /** 1-based row in the file as a spreadsheet shows it (header row included); null for file-level problems. */
  row: number | null;
  /** Column name as written in the file; null when the problem is not about one column. */
  column: string | null;
  message: string;
}

/** Collects issues for one file, with helpers that keep messages consistent. */
export class IssueCollector {
  readonly issues: ImportIssue[] = [];
  constructor(readonly file: string) {}

  error(row: number | null, column: string | null, message: string): void {
    this.issues.push({ severity: 'error', file: this.file, row, column, message });
  }

  warning(row: number | null, column: string | null, message: string): void {
    this.issues.push({ severity: 'warning', file: this.file, row, column, message });
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

/** "file.csv, row 12, column number: message" — how an issue reads in the CLI and logs. */
export function formatIssue(issue: ImportIssue): string {
  const where = [
    issue.file,
    issue.row !== null ? `row ${issue.row}` : null,
    issue.column !== null ? `column ${issue.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${issue.severity === 'error' ? 'Error' : 'Warning'}: ${where}: ${issue.message}`;
}
