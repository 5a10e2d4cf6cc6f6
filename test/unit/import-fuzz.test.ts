/**
 * Fuzzing the importers: valid fixtures mutated thousands of times (seeded, so any failure is
 * reproducible) — truncated, with other delimiters, swapped columns, garbage bytes, huge numbers,
 * dropped or doubled lines, stray quotes, empty — must never make parseImportFile throw, and must
 * always give a well-formed report.
 */
import { describe, it, expect } from 'vitest';
import { fileKinds } from '#shared/import/detect.js';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult, RawTable } from '#shared/import/index.js';
import { fixtureBytes, fixtureNames } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';
import { seededRandom } from '../helpers/random.js';

const encoder = new TextEncoder();
const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes.subarray(0, 200_000));
const toBytes = (text: string): Uint8Array => encoder.encode(text);

const extraInputs: Record<string, string> = {
  'episodes.csv':
    'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/04/2020,S,C2,N1,K2,PR4,,,,M1,M2,SC1\n',
  'gm.geojson': '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"area_code":"E08000001"}}]}',
  'uk.hexjson': '{"layout":"odd-r","hexes":{"E08000001":{"n":"Bolton","q":4,"r":14}}}',
};

type Mutation = (text: string, bytes: Uint8Array, random: () => number) => Uint8Array;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const splitLines = (text: string): string[] => text.split(/\r?\n/);

const mutations: [string, Mutation][] = [
  ['truncate', (_t, b, r) => b.subarray(0, Math.floor(r() * b.length))],
  ['empty', () => new Uint8Array(0)],
  ['semicolons', (t) => toBytes(t.replace(/,/g, ';'))],
  ['tabs', (t) => toBytes(t.replace(/,/g, '\t'))],
  [
    'some delimiters changed',
    (t, _b, r) => toBytes(t.replace(/,/g, (m) => (r() < 0.1 ? pick([';', '|', '', ',,'], r) : m))),
  ],
  [
    'swap columns',
    (t, _b, r) => {
      const lines = splitLines(t).map((l) => l.split(','));
      const width = Math.max(1, ...lines.map((l) => l.length));
      const i = Math.floor(r() * width);
      const j = Math.floor(r() * width);
      return toBytes(
        lines
          .map((cells) => {
            const c = [...cells];
            [c[i], c[j]] = [c[j] ?? '', c[i] ?? ''];
            return c.join(',');
          })
          .join('\n'),
      );
    },
  ],
  [
    'garbage bytes',
    (_t, b, r) => {
      const out = Uint8Array.from(b);
      const n = 1 + Math.floor(r() * 20);
      for (let k = 0; k < n && out.length > 0; k += 1) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
      return out;
    },
  ],
  [
    'garbage inserted',
    (_t, b, r) => {
      const at = Math.floor(r() * (b.length + 1));
      const junk = Uint8Array.from({ length: 1 + Math.floor(r() * 64) }, () => Math.floor(r() * 256));
      const out = new Uint8Array(b.length + junk.length);
      out.set(b.subarray(0, at));
      out.set(junk, at);
      out.set(b.subarray(at), at + junk.length);
      return out;
    },
  ],
  [
    'huge numbers',
    (t, _b, r) =>
      toBytes(
        t.replace(/\d+/g, (m) =>
          r() < 0.2 ? pick(['9'.repeat(400), '1e308', '-0', '-99999', '1,2,3', '0.0000001', 'NaN', 'Infinity'], r) : m,
        ),
      ),
  ],
  [
    'lines dropped or doubled',
    (t, _b, r) => {
      const out: string[] = [];
      for (const line of splitLines(t)) {
        const x = r();
        if (x < 0.15) continue;
        out.push(line);
        if (x > 0.9) out.push(line);
      }
      return toBytes(out.join('\n'));
    },
  ],
  ['stray quotes', (t, _b, r) => toBytes(t.replace(/,/g, (m) => (r() < 0.05 ? pick([',"', '",', ',""', '"'], r) : m)))],
  ['cells blanked', (t, _b, r) => toBytes(t.replace(/[^,\n]+/g, (m) => (r() < 0.2 ? '' : m)))],
  ['text reversed', (t) => toBytes([...t].reverse().join(''))],
  ['as Latin-1', (_t, b) => toBytes(latin1(b))],
];

function checkReport(r: ImportResult, label: string): void {
  expect(fileKinds, label).toContain(r.kind);
  expect(Array.isArray(r.issues), label).toBe(true);
  for (const issue of r.issues) {
    expect(['error', 'warning'], label).toContain(issue.severity);
    expect(typeof issue.message, label).toBe('string');
    expect(issue.message.length, label).toBeGreaterThan(0);
    if (issue.row !== null) expect(Number.isInteger(issue.row) && issue.row >= 1, label).toBe(true);
  }
  for (const o of r.observations) {
    if (o.value !== null) expect(Number.isFinite(o.value) && o.value >= 0, label).toBe(true);
    if (o.suppression !== null) expect(o.value, label).toBeNull();
  }
  for (const p of r.projections) expect(Number.isFinite(p.population0to17), label).toBe(true);
  for (const h of r.homes) expect(Number.isInteger(h.registeredPlaces) && h.registeredPlaces >= 0, label).toBe(true);
  expect(r.summary.rows, label).toBeGreaterThanOrEqual(0);
}

describe('import fuzzing', () => {
  it('never throws and always reports, over thousands of seeded mutations', () => {
    const random = seededRandom(20250401);
    const inputs = [
      ...fixtureNames().map((name) => ({ name, bytes: fixtureBytes(name) })),
      ...Object.entries(extraInputs).map(([name, text]) => ({ name, bytes: toBytes(text) })),
    ];
    let runs = 0;
    for (let i = 0; i < 2500; i += 1) {
      const input = pick(inputs, random);
      let bytes = input.bytes;
      const steps = 1 + Math.floor(random() * 2);
      const applied: string[] = [];
      for (let s = 0; s < steps; s += 1) {
        const [name, mutate] = pick(mutations, random);
        applied.push(name);
        bytes = mutate(new TextDecoder().decode(bytes), bytes, random);
      }
      const label = `${input.name} #${i} (${applied.join(', ')})`;
      let result: ImportResult | undefined;
      expect(() => {
        result = parseImportFile(input.name, bytes, testLookup);
      }, label).not.toThrow();
      if (result) checkReport(result, label);
      runs += 1;
    }
    expect(runs).toBe(2500);
  });

  it('never throws on random tables of cells', () => {
    const random = seededRandom(7);
    const vocabulary = [
      'URN',
      'Provision type',
      'time_period',
      'geographic_level',
      'AREA_CODE',
      'AGE_GROUP',
      'Local authority',
      'Places',
      'number',
      'Bolton',
      'E08000001',
      "Children's home",
      '2024',
      'c',
      '-1',
      '',
      '1e400',
      'Local authority',
      'National',
    ];
    for (let i = 0; i < 500; i += 1) {
      const height = Math.floor(random() * 30);
      const rows = Array.from({ length: height }, () =>
        Array.from({ length: Math.floor(random() * 12) }, () => pick(vocabulary, random)),
      );
      const table: RawTable = { sheetName: random() < 0.5 ? null : 'Provider_level_at_31_Mar_2023', rows };
      const r = parseImportFile('sheet.ods', random() < 0.2 ? [table, table] : table, testLookup);
      checkReport(r, `table #${i}`);
    }
  });
});
