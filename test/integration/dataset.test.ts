import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { buildDataset, memberSupplyBySector, serialiseDataset } from '../../scripts/build-dataset.js';
import type { ReferenceAuthority } from '../../shared/model/authorities.js';
import type { BuiltInDataset, Observation } from '../../shared/model/dataset.js';
import { suppressionCodes } from '../../shared/model/dataset.js';
import type { MeasureId } from '../../shared/model/measures.js';
import { isMeasureId } from '../../shared/model/measures.js';
import { homeSectors, homeTypes, ofstedJudgements } from '../../shared/model/supply.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasetFile = path.resolve(here, '../../resources/dataset/builtin-gm.json');
const referenceFile = path.resolve(here, '../../resources/reference/english-authorities.json');
const dataDir = path.resolve(here, '../../../shared/data');
const hasData = fs.existsSync(dataDir);

const gmCodes: Record<string, string> = {
  E08000001: '350',
  E08000002: '351',
  E08000003: '352',
  E08000004: '353',
  E08000005: '354',
  E08000006: '355',
  E08000007: '356',
  E08000008: '357',
  E08000009: '358',
  E08000010: '359',
};

function loadCommitted(): { text: string; dataset: BuiltInDataset } {
  const text = fs.readFileSync(datasetFile, 'utf8');
  return { text, dataset: JSON.parse(text) as BuiltInDataset };
}

function loadReference(): ReferenceAuthority[] {
  return JSON.parse(fs.readFileSync(referenceFile, 'utf8')) as ReferenceAuthority[];
}

const OFSTED_PERIOD = '2023-03-31';

function key(area: string, measure: MeasureId, period: string): string {
  return `${area}|${measure}|${period}`;
}

function index(dataset: BuiltInDataset): Map<string, Observation> {
  return new Map(dataset.observations.map((o) => [key(o.area, o.measure, o.period), o]));
}

function gmSum(dataset: BuiltInDataset, measure: MeasureId, period: string): number {
  const rows = dataset.observations.filter((o) => o.measure === measure && o.period === period && o.area in gmCodes);
  expect(rows).toHaveLength(10);
  for (const r of rows) expect(r.value, `${r.area} ${measure} ${period}`).not.toBeNull();
  return rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
}

describe('built-in Greater Manchester dataset (resources/dataset/builtin-gm.json)', () => {
  const { text, dataset } = loadCommitted();

  it('is written in its fixed layout (2-space JSON, one record a line) with a trailing newline', () => {
    expect(text).toBe(serialiseDataset(dataset));
    expect(text.endsWith('}\n')).toBe(true);
    // Observations and supply rows take one line each.
    expect(text.split('\n').length).toBeLessThan(dataset.observations.length + dataset.supply.length + 1000);
  });

  it('identifies itself', () => {
    expect(dataset.id).toBe('gm-builtin');
    expect(dataset.consortiumName).toBe('Greater Manchester');
    expect(dataset.generatedBy).toBe('scripts/build-dataset.ts');
    expect(dataset.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('has the ten Greater Manchester LAs as members, with codes and centroids', () => {
    const members = dataset.areas.filter((a) => a.isMember);
    expect(members.map((a) => a.code).sort()).toEqual(Object.keys(gmCodes).sort());
    for (const a of members) {
      expect(a.dfeCode).toBe(gmCodes[a.code]);
      expect(a.level).toBe('Local authority');
      expect(a.regionCode).toBe('E12000002');
      expect(a.centroidLat).toBeGreaterThan(53.3);
      expect(a.centroidLat).toBeLessThan(53.7);
      expect(a.centroidLon).toBeGreaterThan(-2.7);
      expect(a.centroidLon).toBeLessThan(-1.9);
    }
  });

  it('has North West and England as comparators, not members', () => {
    const nw = dataset.areas.find((a) => a.code === 'E12000002');
    const england = dataset.areas.find((a) => a.code === 'E92000001');
    expect(nw).toMatchObject({ level: 'Regional', isMember: false, dfeCode: null, centroidLat: null });
    expect(england).toMatchObject({ level: 'National', isMember: false, dfeCode: null, centroidLat: null });
    expect(dataset.areas.filter((a) => a.level !== 'Local authority').map((a) => a.code)).toEqual([
      'E12000002',
      'E92000001',
    ]);
  });

  it('has every current English upper-tier LA from the reference list, and no abolished one', () => {
    const reference = loadReference();
    const current = reference.filter((a) => a.status === 'current');
    const las = dataset.areas.filter((a) => a.level === 'Local authority');
    expect(las.map((a) => a.code).sort()).toEqual(current.map((a) => a.onsCode).sort());
    expect(las.length).toBeGreaterThan(145);
    for (const a of las) {
      const ref = current.find((r) => r.onsCode === a.code);
      expect(ref, a.code).toBeDefined();
      expect(a).toMatchObject({ dfeCode: ref?.dfeCode, name: ref?.name, regionCode: ref?.regionCode });
      expect(a.regionName, a.code).toBe(ref?.regionName);
      // Centroids are known for the members only (GM boundaries file).
      if (!a.isMember) expect([a.centroidLat, a.centroidLon], a.code).toEqual([null, null]);
    }
    // Codes are current: Barnsley's 2025 code, not the one DfE files still use.
    expect(las.some((a) => a.code === 'E08000038' && a.name === 'Barnsley')).toBe(true);
    const formerAndAbolished = reference.flatMap((r) => (r.status === 'abolished' ? [r.onsCode] : r.formerCodes));
    for (const code of formerAndAbolished)
      expect(
        dataset.areas.some((a) => a.code === code),
        code,
      ).toBe(false);
  });

  it('has unique area codes and source ids; facts come from published sources, illustrations are marked', () => {
    expect(new Set(dataset.areas.map((a) => a.code)).size).toBe(dataset.areas.length);
    expect(new Set(dataset.sources.map((s) => s.id)).size).toBe(dataset.sources.length);
    const illustrative = new Set(dataset.sources.filter((s) => s.illustrative).map((s) => s.id));
    for (const o of dataset.observations) expect(illustrative.has(o.source), o.source).toBe(false);
    for (const r of dataset.supply) expect(illustrative.has(r.source), r.source).toBe(false);
    for (const f of dataset.flows) expect(illustrative.has(f.source), f.source).toBe(true);
    for (const c of dataset.unitCosts) expect(illustrative.has(c.source), c.source).toBe(true);
    for (const s of dataset.sources) {
      if (s.illustrative) {
        expect(s.file).toBe('scripts/illustrative.ts');
        continue;
      }
      expect(s.licence).toBe('Open Government Licence v3.0');
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.title && s.publisher && s.file && s.table && s.period).toBeTruthy();
    }
  });

  it('refers only to known sources, areas and measures, once per area, measure and period', () => {
    const sources = new Set(dataset.sources.map((s) => s.id));
    const areas = new Set(dataset.areas.map((a) => a.code));
    const seen = new Set<string>();
    for (const o of dataset.observations) {
      expect(sources.has(o.source), `source ${o.source}`).toBe(true);
      expect(areas.has(o.area), `area ${o.area}`).toBe(true);
      expect(isMeasureId(o.measure), `measure ${o.measure}`).toBe(true);
      expect(o.period).toMatch(/^\d{4}(-\d{2}-\d{2})?$/);
      const k = key(o.area, o.measure, o.period);
      expect(seen.has(k), `duplicate ${k}`).toBe(false);
      seen.add(k);
    }
  });

  it('has no negative values, and suppressed values are missing, never 0', () => {
    for (const o of dataset.observations) {
      if (o.suppression !== null) {
        expect(suppressionCodes).toContain(o.suppression);
        expect(o.value, `${o.area} ${o.measure} ${o.period}`).toBeNull();
      } else {
        expect(typeof o.value).toBe('number');
        expect(Number.isFinite(o.value)).toBe(true);
        expect(o.value).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('never has a part larger than the children looked after in the same area and period', () => {
    const byKey = index(dataset);
    const parts: MeasureId[] = ['childrenInChildrensHomes', 'placedOver20Miles', 'placedOutsideLaBoundary'];
    let compared = 0;
    for (const o of dataset.observations) {
      if (!parts.includes(o.measure) || o.value === null) continue;
      const total = byKey.get(key(o.area, 'childrenLookedAfter', o.period));
      if (!total || total.value === null) continue;
      expect(o.value, `${o.area} ${o.measure} ${o.period}`).toBeLessThanOrEqual(total.value);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('has at least five periods of children looked after for each member LA', () => {
    for (const code of Object.keys(gmCodes)) {
      const periods = dataset.observations.filter((o) => o.area === code && o.measure === 'childrenLookedAfter');
      expect(periods.filter((o) => o.value !== null).length, code).toBeGreaterThanOrEqual(5);
    }
  });

  it('has every measure for the member LAs', () => {
    const measures = new Set(dataset.observations.filter((o) => o.area in gmCodes).map((o) => o.measure));
    expect(measures.size).toBe(13);
  });

  it('has the same observations for every LA, bar reorganised ones (observation count per LA)', () => {
    const perArea = new Map<string, Observation[]>();
    for (const o of dataset.observations) {
      const list = perArea.get(o.area) ?? [];
      list.push(o);
      perArea.set(o.area, list);
    }
    // DfE files covering all LAs, 2020 to 2024: number and rate (4 measures), missing (2), net gain (1).
    const allLaDfe = ['dfe-cla-number-rate-2024', 'dfe-cla-missing-2024', 'dfe-cla-la-of-placement-2024'];
    // ONS estimates 2015 to 2024, except where an LA's area is new (its predecessors' figures cannot be carried over).
    const populationYears: Record<string, number> = {
      E06000058: 6, // Bournemouth, Christchurch and Poole, from 2019
      E06000059: 6, // Dorset (unitary), from 2019
      E06000061: 4, // North Northamptonshire, from 2021
      E06000062: 4, // West Northamptonshire, from 2021
      E06000063: 2, // Cumberland, from 2023
      E06000064: 2, // Westmorland and Furness, from 2023
    };
    // Ofsted filed homes under Cumbria at 31 March 2023, a day before its successors began.
    const noOfsted = new Set(['E06000063', 'E06000064']);
    const counts = new Map<number, number>();
    for (const a of dataset.areas.filter((x) => x.level === 'Local authority')) {
      const obs = perArea.get(a.code) ?? [];
      const from = (source: string): number => obs.filter((o) => o.source === source).length;
      expect(
        allLaDfe.reduce((n, s) => n + from(s), 0),
        a.name,
      ).toBe(35);
      expect(from('ons-mye-0to17-2024'), a.name).toBe(populationYears[a.code] ?? 10);
      expect(from('ofsted-csc-providers-2023'), a.name).toBe(noOfsted.has(a.code) ? 0 : 2);
      // Characteristics (a derived cut for GM, North West and England only): 3 measures and 2025's total, 2021 to 2025.
      expect(from('dfe-cla-characteristics-2025'), a.name).toBe(a.isMember ? 16 : 0);
      counts.set(obs.length, (counts.get(obs.length) ?? 0) + 1);
    }
    expect(counts.get(63)).toBe(10);
    expect(counts.get(47)).toBeGreaterThan(130);
  });
});

describe('supply in the built-in dataset', () => {
  const { dataset } = loadCommitted();
  const areaCodes = new Set(dataset.areas.map((a) => a.code));
  const laCodes = new Set(dataset.areas.filter((a) => a.level === 'Local authority').map((a) => a.code));

  it('holds supply aggregates (no per-home rows) and illustrative flows that conserve the published counts', () => {
    expect(dataset.supply.length).toBeGreaterThan(500);
    expect(dataset.homes).toEqual([]);
    const members = dataset.areas.filter((a) => a.isMember);
    for (const m of members) {
      const placed = dataset.flows.filter((f) => f.placingArea === m.code).reduce((s, f) => s + f.children, 0);
      const published = dataset.observations.find(
        (o) => o.area === m.code && o.measure === 'childrenInChildrensHomes' && o.period === dataset.flows[0]?.period,
      );
      expect(placed, m.name).toBe(published?.value);
    }
    expect(dataset.unitCosts.length).toBeGreaterThanOrEqual(5);
    expect(dataset.assumptions.map((a) => a.key)).toEqual(expect.arrayContaining(['targetOccupancy', 'discountRate']));
  });

  it('has rows of non-negative integers for known LAs, sources and categories, once per combination', () => {
    const sources = new Set(dataset.sources.map((s) => s.id));
    const seen = new Set<string>();
    for (const r of dataset.supply) {
      const where = `${r.area} ${r.sector} ${r.homeType} ${r.judgement}`;
      expect(areaCodes.has(r.area), where).toBe(true);
      expect(laCodes.has(r.area), where).toBe(true);
      expect(sources.has(r.source), where).toBe(true);
      expect(r.period).toBe(OFSTED_PERIOD);
      expect(homeSectors).toContain(r.sector);
      expect(homeTypes).toContain(r.homeType);
      expect(ofstedJudgements).toContain(r.judgement);
      expect(Number.isInteger(r.homes) && r.homes >= 1, where).toBe(true);
      expect(Number.isInteger(r.registeredPlaces) && r.registeredPlaces >= 0, where).toBe(true);
      const k = `${r.area}|${r.period}|${r.sector}|${r.homeType}|${r.judgement}`;
      expect(seen.has(k), `duplicate ${k}`).toBe(false);
      seen.add(k);
    }
  });

  it("matches the children's homes and places observations for every LA", () => {
    const byKey = index(dataset);
    let compared = 0;
    for (const code of laCodes) {
      const rows = dataset.supply.filter((r) => r.area === code && r.homeType === 'childrensHome');
      const homes = byKey.get(key(code, 'childrensHomes', OFSTED_PERIOD));
      const places = byKey.get(key(code, 'registeredPlaces', OFSTED_PERIOD));
      if (!homes || !places) {
        // Only where Ofsted filed the LA's homes under an abolished predecessor (Cumbria's successors).
        expect(
          dataset.supply.some((r) => r.area === code),
          code,
        ).toBe(false);
        expect(['E06000063', 'E06000064']).toContain(code);
        continue;
      }
      expect(homes.value, code).toBe(rows.reduce((n, r) => n + r.homes, 0));
      expect(places.value, code).toBe(rows.reduce((n, r) => n + r.registeredPlaces, 0));
      compared += 1;
    }
    expect(compared).toBe(laCodes.size - 2);
  });

  it('sums to no more than the North West and England counts (Cumbria is counted there only)', () => {
    const byKey = index(dataset);
    const nwCodes = new Set(dataset.areas.filter((a) => a.regionCode === 'E12000002').map((a) => a.code));
    const sum = (codes: Set<string>): number =>
      dataset.supply
        .filter((r) => codes.has(r.area) && r.homeType === 'childrensHome')
        .reduce((n, r) => n + r.homes, 0);
    const nwHomes = byKey.get(key('E12000002', 'childrensHomes', OFSTED_PERIOD))?.value ?? 0;
    const englandHomes = byKey.get(key('E92000001', 'childrensHomes', OFSTED_PERIOD))?.value ?? 0;
    expect(nwHomes - sum(nwCodes)).toBeGreaterThanOrEqual(0);
    expect(nwHomes - sum(nwCodes)).toBeLessThan(40);
    expect(englandHomes - sum(laCodes)).toBe(nwHomes - sum(nwCodes));
  });

  it('has the Greater Manchester supply by sector at 31 March 2023', () => {
    const split = memberSupplyBySector(dataset, OFSTED_PERIOD).map((s) => ({
      sector: s.sector,
      homes: s.homes,
      places: s.places,
      childrensHomes: s.byType.childrensHome.homes,
      shortBreakOnly: s.byType.shortBreakOnly.homes,
      secure: s.byType.secure.homes,
    }));
    expect(split).toEqual([
      { sector: 'Local Authority', homes: 34, places: 178, childrensHomes: 27, shortBreakOnly: 6, secure: 1 },
      { sector: 'Private', homes: 178, places: 568, childrensHomes: 178, shortBreakOnly: 0, secure: 0 },
      { sector: 'Voluntary', homes: 19, places: 77, childrensHomes: 17, shortBreakOnly: 2, secure: 0 },
    ]);
    // The children's homes (not short-break-only or secure) are the childrensHomes measure's 222 homes and 754 places.
    expect(gmSum(dataset, 'childrensHomes', OFSTED_PERIOD)).toBe(27 + 178 + 17);
    expect(gmSum(dataset, 'registeredPlaces', OFSTED_PERIOD)).toBe(754);
    // Salford's secure children's home is GM's only secure home.
    const secure = dataset.supply.filter((r) => r.area in gmCodes && r.homeType === 'secure');
    expect(secure.map((r) => r.area)).toEqual(['E08000006']);
  });
});

describe.skipIf(!hasData)(
  hasData ? 'built-in dataset against ../shared/data' : 'skipped: ../shared/data is absent',
  () => {
    it('is reproducible: rebuilding from ../shared/data gives the committed file', () => {
      const { text, dataset } = loadCommitted();
      const rebuilt = buildDataset(dataDir);
      expect(rebuilt).toEqual(dataset);
      expect(serialiseDataset(rebuilt)).toBe(text);
    });

    it('matches the published Greater Manchester and England figures (DOMAIN.md)', () => {
      const { dataset } = loadCommitted();
      expect(gmSum(dataset, 'childrenLookedAfter', '2025')).toBe(6119);
      expect(gmSum(dataset, 'childrenInChildrensHomes', '2025')).toBe(727);
      expect(gmSum(dataset, 'placedOutsideLaBoundary', '2025')).toBe(2618);
      expect(gmSum(dataset, 'placedOver20Miles', '2025')).toBe(560);
      expect(gmSum(dataset, 'childrenWithMissingIncident', '2024')).toBe(1074);
      expect(gmSum(dataset, 'missingIncidents', '2024')).toBe(8178);
      const byKey = index(dataset);
      expect(byKey.get(key('E92000001', 'childrenLookedAfter', '2024'))?.value).toBe(83630);
      expect(byKey.get(key('E92000001', 'childrenLookedAfterRatePer10k', '2024'))?.value).toBe(70);
    });

    it('keeps suppressed cells as missing with their code', () => {
      const { dataset } = loadCommitted();
      // Four GM LAs' "Placed more than 20 miles from home" are suppressed ("c") for 31 March 2021.
      const suppressed = dataset.observations.filter(
        (o) => o.measure === 'placedOver20Miles' && o.period === '2021' && o.suppression === 'c',
      );
      expect(suppressed.length).toBeGreaterThan(0);
      for (const o of suppressed) expect(o.value).toBeNull();
    });

    it('counts Ofsted children’s homes consistently across LA, region and England', () => {
      const { dataset } = loadCommitted();
      const byKey = index(dataset);
      const gmHomes = gmSum(dataset, 'childrensHomes', '2023-03-31');
      const gmPlaces = gmSum(dataset, 'registeredPlaces', '2023-03-31');
      const nwHomes = byKey.get(key('E12000002', 'childrensHomes', '2023-03-31'))?.value ?? 0;
      const englandHomes = byKey.get(key('E92000001', 'childrensHomes', '2023-03-31'))?.value ?? 0;
      const englandPlaces = byKey.get(key('E92000001', 'registeredPlaces', '2023-03-31'))?.value ?? 0;
      expect(gmHomes).toBeGreaterThan(200);
      expect(gmHomes).toBeLessThanOrEqual(243);
      expect(gmPlaces).toBeLessThanOrEqual(829);
      expect(gmHomes).toBeLessThan(nwHomes);
      expect(nwHomes).toBeLessThan(englandHomes);
      // The North West holds about a quarter of England's children's homes.
      expect(nwHomes / englandHomes).toBeGreaterThan(0.2);
      expect(nwHomes / englandHomes).toBeLessThan(0.3);
      expect(englandPlaces / englandHomes).toBeGreaterThan(3);
      expect(englandPlaces / englandHomes).toBeLessThan(5);
    });
  },
);
