import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_FILES,
  buildReference,
  ofstedAuthorityNames,
  serialiseReference,
  unmatchedNames,
} from '../../scripts/build-reference.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup, normaliseAuthorityName } from '#shared/model/authorities.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const referenceFile = path.resolve(here, '../../resources/reference/english-authorities.json');
const dataDir = path.resolve(here, '../../../shared/data');
const hasData = fs.existsSync(dataDir);

const text = fs.readFileSync(referenceFile, 'utf8');
const authorities = JSON.parse(text) as ReferenceAuthority[];
const lookup = createAuthorityLookup(authorities);

const gm: [ons: string, dfe: string, name: string][] = [
  ['E08000001', '350', 'Bolton'],
  ['E08000002', '351', 'Bury'],
  ['E08000003', '352', 'Manchester'],
  ['E08000004', '353', 'Oldham'],
  ['E08000005', '354', 'Rochdale'],
  ['E08000006', '355', 'Salford'],
  ['E08000007', '356', 'Stockport'],
  ['E08000008', '357', 'Tameside'],
  ['E08000009', '358', 'Trafford'],
  ['E08000010', '359', 'Wigan'],
];

describe('reference list of English authorities (resources/reference/english-authorities.json)', () => {
  it('finds the Greater Manchester LAs by ONS code, DfE code and name', () => {
    for (const [ons, dfe, name] of gm) {
      const a = lookup.byCode(ons);
      expect(a, ons).toMatchObject({ onsCode: ons, dfeCode: dfe, name, regionCode: 'E12000002', status: 'current' });
      expect(lookup.byCode(dfe)).toBe(a);
      expect(lookup.byName(name)).toBe(a);
      expect(lookup.byName(` ${name.toUpperCase()} Council`)).toBe(a);
    }
  });

  it("resolves Ofsted's spellings (DOMAIN.md) to the DfE authorities", () => {
    const spellings: [ofsted: string, dfeName: string][] = [
      ['Bristol', 'Bristol, City of'],
      ['Durham', 'County Durham'],
      ['Kingston upon Hull', 'Kingston upon Hull, City of'],
      ['St Helens', 'St. Helens'],
      ['Herefordshire', 'Herefordshire, County of'],
      ['Southend on Sea', 'Southend-on-Sea'],
      ['Bournemouth, Christchurch & Poole', 'Bournemouth, Christchurch and Poole'],
    ];
    for (const [ofsted, dfeName] of spellings) expect(lookup.byName(ofsted)?.name, ofsted).toBe(dfeName);
  });

  it('resolves every alias to its own authority', () => {
    const aliases = authorities.flatMap((a) => a.aliases.map((alias) => [alias, a] as const));
    expect(aliases.length).toBeGreaterThanOrEqual(7);
    for (const [alias, a] of aliases) expect(lookup.byName(alias), alias).toBe(a);
  });

  it('resolves former codes to the current authority', () => {
    const cases: [former: string, current: string, name: string][] = [
      ['E08000016', 'E08000038', 'Barnsley'], // recoded 1 April 2025; DfE files keep the old code
      ['E08000019', 'E08000039', 'Sheffield'],
      ['E10000002', 'E06000060', 'Buckinghamshire'], // unitary 2020
      ['E10000023', 'E06000065', 'North Yorkshire'], // unitary 2023
      ['E10000027', 'E06000066', 'Somerset'], // unitary 2023
      ['E10000009', 'E06000059', 'Dorset'], // unitary 2019
      ['E06000028', 'E06000058', 'Bournemouth, Christchurch and Poole'], // 2019
      ['E06000029', 'E06000058', 'Bournemouth, Christchurch and Poole'],
    ];
    for (const [former, current, name] of cases) {
      const a = lookup.byCode(former);
      expect(a, former).toMatchObject({ onsCode: current, name, status: 'current' });
      expect(a?.formerCodes).toContain(former);
    }
  });

  it('keeps abolished authorities, with current successors', () => {
    const cumbria = lookup.byName('Cumbria');
    expect(cumbria).toMatchObject({ onsCode: 'E10000006', dfeCode: '909', status: 'abolished' });
    expect(cumbria?.successorCodes).toEqual(['E06000063', 'E06000064']);
    const northants = lookup.byCode('E10000021');
    expect(northants).toMatchObject({ name: 'Northamptonshire', status: 'abolished' });
    expect(northants?.successorCodes).toEqual(['E06000061', 'E06000062']);
    for (const a of authorities.filter((x) => x.status === 'abolished')) {
      expect(a.successorCodes.length, a.name).toBeGreaterThan(0);
      for (const s of a.successorCodes) expect(lookup.byCode(s)?.status, `${a.name} → ${s}`).toBe('current');
    }
    for (const a of authorities.filter((x) => x.status === 'current')) expect(a.successorCodes).toEqual([]);
  });

  it('has about 150 current authorities in the nine English regions', () => {
    const current = authorities.filter((a) => a.status === 'current');
    expect(current.length).toBeGreaterThanOrEqual(150);
    expect(current.length).toBeLessThanOrEqual(156);
    const regions = new Set(authorities.map((a) => `${a.regionCode} ${a.regionName}`));
    expect(regions.size).toBe(9);
    for (const r of regions) expect(r).toMatch(/^E1200000\d \S/);
    expect(lookup.byName('Camden')?.regionName).toBe('London');
  });

  it('has no duplicate codes or names, and is sorted by ONS code', () => {
    const codes = authorities.flatMap((a) => [a.onsCode, a.dfeCode, ...a.formerCodes]);
    expect(new Set(codes).size).toBe(codes.length);
    const names = authorities.flatMap((a) => [...new Set([a.name, ...a.aliases].map(normaliseAuthorityName))]);
    expect(new Set(names).size).toBe(names.length);
    for (const a of authorities) {
      expect(a.onsCode).toMatch(/^E(06|08|09|10)\d{6}$/);
      expect(a.dfeCode).toMatch(/^\d{3}$/);
    }
    const ons = authorities.map((a) => a.onsCode);
    expect(ons).toEqual([...ons].sort());
  });
});

describe.skipIf(!hasData)(
  hasData ? 'reference list against ../shared/data' : 'skipped: ../shared/data is absent',
  () => {
    const read = (file: string): string => fs.readFileSync(path.join(dataDir, file), 'utf8');

    it('is reproducible: rebuilding gives the committed file', async () => {
      const rebuilt = buildReference(read(REFERENCE_FILES.claRate));
      expect(rebuilt).toEqual(authorities);
      expect(await serialiseReference(rebuilt, referenceFile)).toBe(text);
    });

    it('matches every "Local authority" name in the Ofsted provider-level file', () => {
      const names = ofstedAuthorityNames(read(REFERENCE_FILES.ofsted));
      expect(names.length).toBeGreaterThan(145);
      expect(unmatchedNames(authorities, names)).toEqual([]);
      // Ofsted files 31 March 2023's homes under Cumbria, abolished the next day.
      expect(lookup.byName('Cumbria')?.status).toBe('abolished');
    });
  },
);
