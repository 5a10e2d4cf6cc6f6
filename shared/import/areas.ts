/**
 * Areas as the importers read them: the codes of England, upper-tier local authorities and
 * regions, {@link AreaResolver}, which maps the codes and names a file uses to current ONS codes
 * through the authority crosswalk (carrying former codes over and leaving out abolished areas, said
 * once per code), and {@link UnknownValues}, which gathers values that failed a look-up so each
 * gives one error.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup, ReferenceAuthority } from '../model/authorities.js';
import { describePredecessor, predecessorByCode, predecessorByName, type Predecessor } from '../model/predecessors.js';
import type { IssueCollector } from './report.js';
import { normaliseLabel, quote } from './table.js';

export const ENGLAND_CODE = 'E92000001';

/** Upper-tier LA code prefixes: unitary authorities, metropolitan districts, London boroughs, counties. */
export const LA_CODE_PATTERN = /^E(06|08|09|10)\d{6}$/;
/** English regions (E12) and DfE's Inner and Outer London (E13). */
export const REGION_CODE_PATTERN = /^E1[23]\d{6}$/;

export type AreaResolution =
  | { kind: 'area'; code: string; authority: ReferenceAuthority | null }
  | { kind: 'left-out'; why: string }
  | { kind: 'unknown' };

/**
 * Maps the codes and names a file uses to current ONS codes through the authority crosswalk, and
 * says once per code (not once per row) when it had to carry a former code over or leave rows out.
 */
export class AreaResolver {
  private readonly noted = new Set<string>();
  private readonly regionNames = new Map<string, string>();
  private readonly regionCodes = new Set<string>();

  /**
   * @param asOf the date the file's figures are for ("2018-03-31"), when known: a name a current
   *   authority reuses (Dorset) means its predecessor in files dated before the reorganisation
   */
  constructor(
    readonly lookup: AuthorityLookup,
    private readonly issues: IssueCollector,
    private readonly asOf: string | null = null,
  ) {
    for (const a of lookup.all()) {
      if (a.regionCode === '') continue;
      this.regionCodes.add(a.regionCode);
      this.regionNames.set(normaliseLabel(a.regionName), a.regionCode);
    }
  }

  /** Adds a warning once per key (e.g. once per former code), at the first row it applies to. */
  noteOnce(key: string, row: number | null, column: string | null, message: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.issues.warning(row, column, message);
  }

  /**
   * A local authority from its ONS code, DfE code and name (any may be blank). The ONS code wins;
   * the DfE code tells a predecessor with a different area (e.g. Dorset County Council, DfE 835,
   * under Dorset Council's former code) from a plain change of code (Barnsley, DfE 370, E08000016).
   */
  authority(
    input: { onsCode: string; dfeCode: string; name: string },
    row: number,
    columns: { onsCode: string | null; dfeCode: string | null; name: string | null },
    noteFormerCode = true,
  ): AreaResolution {
    const { onsCode, dfeCode, name } = input;
    // Predecessors covering another area (Bournemouth, Poole, the old Dorset, Cumbria, …), by the
    // code given first, else by name: the same warning, with the crosswalk, in every importer.
    const predecessor =
      onsCode !== ''
        ? predecessorByCode(onsCode)
        : dfeCode !== ''
          ? predecessorByCode(dfeCode)
          : name !== ''
            ? predecessorByName(name, this.asOf)
            : undefined;
    if (predecessor) {
      const given = onsCode !== '' ? onsCode : dfeCode !== '' ? dfeCode : name;
      return this.leaveOut(
        predecessor,
        given,
        row,
        onsCode !== '' ? columns.onsCode : dfeCode !== '' ? columns.dfeCode : columns.name,
      );
    }
    const byOns = onsCode !== '' ? this.lookup.byCode(onsCode) : undefined;
    const byDfe = dfeCode !== '' ? this.lookup.byCode(dfeCode) : undefined;
    let authority = byOns ?? byDfe;
    const usedCode = byOns ? onsCode : byDfe ? dfeCode : '';
    if (!authority && name !== '') {
      authority = this.lookup.byName(name);
      if (authority && (onsCode !== '' || dfeCode !== '')) {
        const code = onsCode !== '' ? onsCode : dfeCode;
        this.noteOnce(
          `name:${code}`,
          row,
          onsCode !== '' ? columns.onsCode : columns.dfeCode,
          `Row ${row}: code ${quote(code)} is not in the reference list of English local authorities; matched ${quote(name)} by name to ${authority.name} (${authority.onsCode}).`,
        );
      }
    }
    if (!authority) return { kind: 'unknown' };

    if (authority.status === 'abolished') {
      this.noteOnce(
        `abolished:${authority.onsCode}`,
        row,
        columns.onsCode ?? columns.name,
        `Row ${row}: ${authority.name} (${authority.onsCode}) was abolished and its figures cannot be split between its successors (${authority.successorCodes.join(', ')}), so its rows are left out.`,
      );
      return { kind: 'left-out', why: `${authority.name} (abolished)` };
    }
    if (byOns && dfeCode !== '' && /^\d{3}$/.test(dfeCode) && dfeCode !== authority.dfeCode) {
      if (byDfe && byDfe !== authority) {
        this.noteOnce(
          `disagree:${onsCode}:${dfeCode}`,
          row,
          columns.dfeCode,
          `Row ${row}: code ${quote(onsCode)} is ${authority.name} but DfE code ${quote(dfeCode)} is ${byDfe.name}; the ONS code is used.`,
        );
      } else if (onsCode !== authority.onsCode) {
        this.noteOnce(
          `predecessor:${onsCode}`,
          row,
          columns.onsCode,
          `Row ${row}: ${quote(onsCode)} (DfE ${dfeCode}${name !== '' ? `, ${name}` : ''}) is a predecessor of ${authority.name} covering a different area, so its rows are left out.`,
        );
        return {
          kind: 'left-out',
          why: `${onsCode}${name !== '' ? ` ${name}` : ''} (predecessor of ${authority.name}, a different area)`,
        };
      }
    }
    if (noteFormerCode && usedCode !== '' && usedCode !== authority.onsCode && usedCode !== authority.dfeCode) {
      this.noteFormerCode(usedCode, authority, row, byOns ? columns.onsCode : columns.dfeCode);
    }
    return { kind: 'area', code: authority.onsCode, authority };
  }

  /** Leaves a predecessor's rows out, saying so (once per predecessor) with the crosswalk. */
  private leaveOut(p: Predecessor, given: string, row: number, column: string | null): AreaResolution {
    this.noteOnce(
      `predecessor:${p.onsCode}`,
      row,
      column,
      `Row ${row}: ${quote(given)} is ${describePredecessor(p, this.lookup)}. Its rows are left out, as they do not cover any current authority's area.`,
    );
    return { kind: 'left-out', why: `${p.name} ${p.onsCode} (abolished ${p.abolishedOn})` };
  }

  /** Says (once per code) that rows under a former code are counted under the current one. */
  noteFormerCode(usedCode: string, authority: ReferenceAuthority, row: number, column: string | null): void {
    this.noteOnce(
      `former:${usedCode}`,
      row,
      column,
      `Row ${row}: ${quote(usedCode)} is a former code of ${authority.name}; its rows are counted under the current code ${authority.onsCode}.`,
    );
  }

  /** A region from its code or name: E12 regions, plus DfE's Inner and Outer London (E13). */
  region(code: string, name: string): string | null {
    if (REGION_CODE_PATTERN.test(code)) return code;
    if (code === '' && name !== '') return this.regionNames.get(normaliseLabel(name)) ?? null;
    return null;
  }
}

/**
 * Values that failed a look-up (an unknown LA name, say), gathered so each distinct value gives one
 * error at its first row with a count of the others, rather than one error per row.
 */
export class UnknownValues {
  private readonly values = new Map<string, { value: string; row: number; column: string | null; count: number }>();

  add(value: string, row: number, column: string | null): void {
    const key = `${column ?? ''}|${value}`;
    const entry = this.values.get(key);
    if (entry) entry.count += 1;
    else this.values.set(key, { value, row, column, count: 1 });
  }

  /** One error per value; `describe` gives the message after "Row N: 'value' ". */
  report(issues: IssueCollector, describe: string): void {
    for (const { value, row, column, count } of this.values.values()) {
      const more =
        count > 1 ? ` (${count - 1} more ${count - 1 === 1 ? 'row gives' : 'rows give'} the same value)` : '';
      issues.error(row, column, `Row ${row}: ${quote(value)} ${describe}${more}.`);
    }
  }
}
