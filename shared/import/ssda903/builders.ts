/**
 * Builders the SSDA903 reader fills as it reads: the registry of children (by LA and CHILD), the
 * growing columns of raw episodes before returns are combined, and the header rows read.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { Interner, growI16, growI32, growU16, growU32 } from './codes.js';

export class ChildRegistry {
  /** Per LA index: CHILD (interned) → child index. */
  private readonly byLa: { ids: Interner; index: Int32Array }[] = [];
  readonly id: string[] = [];
  la: Uint16Array = new Uint16Array(1024);

  /** The child index of CHILD text[start, end) (not empty) in an LA, adding the child when new. */
  indexAt(laIndex: number, text: string, start: number, end: number): number {
    let entry = this.byLa[laIndex];
    if (!entry) {
      entry = { ids: new Interner(), index: new Int32Array(1024) };
      this.byLa[laIndex] = entry;
    }
    const local = entry.ids.idAt(text, start, end);
    if (local >= entry.index.length) entry.index = growI32(entry.index, local + 1);
    let index = entry.index[local]! - 1;
    if (index < 0) {
      index = this.id.length;
      this.id.push(entry.ids.values[local]!);
      if (index >= this.la.length) this.la = growU16(this.la, index + 1);
      this.la[index] = laIndex;
      entry.index[local] = index + 1;
    }
    return index;
  }

  index(laIndex: number, child: string): number {
    return this.indexAt(laIndex, child, 0, child.length);
  }

  get length(): number {
    return this.id.length;
  }
}

export const EPISODE_CODE_FIELDS = [
  'rne',
  'ls',
  'cin',
  'place',
  'placeProvider',
  'rec',
  'reasonPlaceChange',
  'homePost',
  'plPost',
  'urn',
] as const;
export type EpisodeCodeField = (typeof EPISODE_CODE_FIELDS)[number];
export const EPISODE_CODE_COLUMNS: Record<EpisodeCodeField, string> = {
  rne: 'RNE',
  ls: 'LS',
  cin: 'CIN',
  place: 'PLACE',
  placeProvider: 'PLACE_PROVIDER',
  rec: 'REC',
  reasonPlaceChange: 'REASON_PLACE_CHANGE',
  homePost: 'HOME_POST',
  plPost: 'PL_POST',
  urn: 'URN',
};

export class EpisodeBuilder {
  length = 0;
  child: Int32Array = new Int32Array(0);
  decom: Int32Array = new Int32Array(0);
  dec: Int32Array = new Int32Array(0);
  year: Int16Array = new Int16Array(0);
  file: Uint16Array = new Uint16Array(0);
  row: Int32Array = new Int32Array(0);
  codes: Record<EpisodeCodeField, Uint32Array>;
  readonly interners: Record<EpisodeCodeField, Interner>;

  constructor() {
    this.codes = {} as Record<EpisodeCodeField, Uint32Array>;
    this.interners = {} as Record<EpisodeCodeField, Interner>;
    for (const f of EPISODE_CODE_FIELDS) {
      this.codes[f] = new Uint32Array(0);
      this.interners[f] = new Interner();
    }
  }

  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.child.length) return;
    this.child = growI32(this.child, need);
    this.decom = growI32(this.decom, need);
    this.dec = growI32(this.dec, need);
    this.year = growI16(this.year, need);
    this.file = growU16(this.file, need);
    this.row = growI32(this.row, need);
    for (const f of EPISODE_CODE_FIELDS) this.codes[f] = growU32(this.codes[f], need);
  }
}

export interface HeaderRow {
  child: number;
  sex: number;
  dob: number;
  ethnic: number;
  upn: number;
  year: number;
  order: number;
}
