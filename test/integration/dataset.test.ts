/**
 * The national built-in dataset (resources/dataset/builtin-england.json): its layout, areas, sources
 * and figures, and — where the published files are at ../shared/data — that rebuilding it gives the
 * committed bytes and that its authorities' figures add up to the published regional and England
 * figures.
 *
 * How totals are compared. For each measure, period and aggregate (each of the nine regions and
 * England) with a published figure, the gap G = published − Σ the aggregate's authorities − Σ the
 * figures of abolished authorities the build left out (Cumbria, Northamptonshire). DfE rounds national
 * and regional counts to the nearest 10, so a published aggregate may be up to R = 5 from the true sum;
 * ONS population and Ofsted counts are exact (R = 0). Then:
 *  - no authority's figure suppressed: |G| ≤ R;
 *  - some suppressed, each with a known upper bound: −R ≤ G ≤ Σ bounds + R (suppressed figures are
 *    counts, never negative). Bounds come from the published characteristics table itself: a
 *    suppressed breakdown is at most its group's total minus the group's other published breakdowns
 *    for that authority; where an authority's group total is itself suppressed (or the authority did
 *    not exist yet, e.g. Cumberland before April 2023, whose predecessor is absent from that table),
 *    all such cells together are at most the aggregate's published group total minus its authorities'
 *    published totals (+ R). A 'z' for an authority that did not exist yet, in a file that still lists
 *    its predecessor, is 0 (the predecessor's figure is among the left-out ones);
 *  - some suppressed without a bound (files with no group total, e.g. missing incidents): G ≥ −R only.
 * The counts of each kind of check are asserted too, so the comparison cannot quietly become vacuous.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FILES,
  Table,
  buildDatasetWithNotes,
  cell,
  normaliseName,
  parseValue,
  serialiseDataset,
  sumOverAreas,
  supplyBySector,
  type BuildResult,
  type ParsedValue,
} from '../../scripts/build-dataset.js';
import { COMPARABLE_FACTOR, WEEKS_PER_YEAR } from '../../scripts/national-costs.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { BuiltInDataset, Observation } from '#shared/model/dataset.js';
import { placeProviderLabels, placeProviders, suppressionCodes } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { isMeasureId, measures } from '#shared/model/measures.js';
import { homeSectors, homeTypes, ofstedJudgements, type SupplyRow } from '#shared/model/supply.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasetFile = path.resolve(here, '../../resources/dataset/builtin-england.json');
const referenceFile = path.resolve(here, '../../resources/reference/english-authorities.json');
const dataDir = path.resolve(here, '../../../shared/data');
const hasData = fs.existsSync(path.join(dataDir, FILES.claCharacteristics));

const ENGLAND = 'E92000001';
const NORTH_WEST = 'E12000002';
const OFSTED_PERIOD = '2023-03-31';

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

function key(area: string, measure: MeasureId, period: string): string {
  return `${area}|${measure}|${period}`;
}

function index(dataset: BuiltInDataset): Map<string, Observation> {
  return new Map(dataset.observations.map((o) => [key(o.area, o.measure, o.period), o]));
}

function gmSum(dataset: BuiltInDataset, measure: MeasureId, period: string): number {
  const t = sumOverAreas(dataset, Object.keys(gmCodes), measure, period);
  expect(t.count, `${measure} ${period}`).toBe(10);
  expect(t.suppressed, `${measure} ${period}`).toBe(0);
  return t.total;
}

describe('national built-in dataset (resources/dataset/builtin-england.json)', () => {
  const { text, dataset } = loadCommitted();
  const las = dataset.areas.filter((a) => a.level === 'Local authority');

  it('is written in its fixed layout (2-space JSON, one record a line) with a trailing newline, under 8 MB', () => {
    expect(text).toBe(serialiseDataset(dataset));
    expect(text.endsWith('}\n')).toBe(true);
    const records =
      dataset.observations.length +
      dataset.supply.length +
      (dataset.supplyMovements?.length ?? 0) +
      (dataset.placeProviders?.length ?? 0) +
      (dataset.placementSpend?.length ?? 0);
    expect(text.split('\n').length).toBeLessThan(records + 1000);
    expect(Buffer.byteLength(text)).toBeLessThan(8_000_000);
  });

  it('identifies itself without naming a consortium', () => {
    expect(dataset.id).toBe('england-builtin');
    expect(dataset.consortiumName).toBe('Untitled consortium');
    expect(dataset.generatedBy).toBe('scripts/build-dataset.ts');
    expect(dataset.generatedAt).toBe('2025-03-31');
  });

  it('has no members and names Greater Manchester only where the data is about it', () => {
    expect(dataset.areas.filter((a) => a.isMember)).toEqual([]);
    const {
      areas,
      observations,
      supply,
      supplyMovements,
      placeProviders: providers,
      placementSpend,
      ...rest
    } = dataset;
    expect(JSON.stringify(rest)).not.toMatch(/Greater Manchester|\bGM\b/);
    expect(JSON.stringify(areas)).not.toMatch(/Greater Manchester/);
    expect(
      observations.length +
        supply.length +
        (supplyMovements?.length ?? 0) +
        (providers?.length ?? 0) +
        (placementSpend?.length ?? 0),
    ).toBe(text.split('\n').filter((l) => /^ {4}\{"(area|period)"/.test(l)).length);
    expect(dataset.flows).toEqual([]);
    expect(dataset.homes).toEqual([]);
  });

  it('has the 153 current upper-tier authorities, the nine regions and England, and no abolished area', () => {
    const reference = loadReference();
    const current = reference.filter((a) => a.status === 'current');
    expect(las).toHaveLength(153);
    expect(las.map((a) => a.code)).toEqual(current.map((a) => a.onsCode));
    for (const a of las) {
      const ref = current.find((r) => r.onsCode === a.code);
      expect(a).toMatchObject({ dfeCode: ref?.dfeCode, name: ref?.name, regionCode: ref?.regionCode });
      expect(a.regionName, a.code).toBe(ref?.regionName);
    }
    const regions = dataset.areas.filter((a) => a.level === 'Regional');
    expect(regions.map((a) => a.code)).toEqual([
      'E12000001',
      'E12000002',
      'E12000003',
      'E12000004',
      'E12000005',
      'E12000006',
      'E12000007',
      'E12000008',
      'E12000009',
    ]);
    expect(regions.map((a) => a.name)).toEqual([
      'North East',
      'North West',
      'Yorkshire and The Humber',
      'East Midlands',
      'West Midlands',
      'East of England',
      'London',
      'South East',
      'South West',
    ]);
    for (const r of regions) {
      expect(r).toMatchObject({ dfeCode: null, regionCode: r.code, regionName: r.name, centroidLat: null });
      expect(las.filter((a) => a.regionCode === r.code).length, r.name).toBeGreaterThanOrEqual(10);
    }
    expect(dataset.areas.at(-1)).toMatchObject({ code: ENGLAND, name: 'England', level: 'National', dfeCode: null });
    expect(dataset.areas).toHaveLength(163);
    // Codes are current: Barnsley's 2025 code, not the one DfE files still use.
    expect(las.some((a) => a.code === 'E08000038' && a.name === 'Barnsley')).toBe(true);
    const formerAndAbolished = reference.flatMap((r) => (r.status === 'abolished' ? [r.onsCode] : r.formerCodes));
    for (const code of formerAndAbolished) expect(dataset.areas.some((a) => a.code === code)).toBe(false);
  });

  it('places every authority in England, and Greater Manchester where it is', () => {
    for (const a of las) {
      expect(a.centroidLat, a.name).toBeGreaterThan(49.8);
      expect(a.centroidLat, a.name).toBeLessThan(55.9);
      expect(a.centroidLon, a.name).toBeGreaterThan(-6.5);
      expect(a.centroidLon, a.name).toBeLessThan(1.8);
    }
    for (const code of Object.keys(gmCodes)) {
      const a = las.find((x) => x.code === code);
      expect(a?.dfeCode).toBe(gmCodes[code]);
      expect(a?.centroidLat).toBeGreaterThan(53.3);
      expect(a?.centroidLat).toBeLessThan(53.7);
      expect(a?.centroidLon).toBeGreaterThan(-2.7);
      expect(a?.centroidLon).toBeLessThan(-1.9);
    }
  });

  it('has unique source ids; facts come from published sources, illustrations are marked', () => {
    expect(new Set(dataset.areas.map((a) => a.code)).size).toBe(dataset.areas.length);
    expect(new Set(dataset.sources.map((s) => s.id)).size).toBe(dataset.sources.length);
    const illustrative = new Set(dataset.sources.filter((s) => s.illustrative).map((s) => s.id));
    for (const o of dataset.observations) expect(illustrative.has(o.source), o.source).toBe(false);
    for (const r of dataset.supply) expect(illustrative.has(r.source), r.source).toBe(false);
    for (const r of dataset.supplyMovements ?? []) expect(illustrative.has(r.source), r.source).toBe(false);
    for (const r of dataset.placeProviders ?? []) expect(illustrative.has(r.source), r.source).toBe(false);
    for (const r of dataset.placementSpend ?? []) expect(illustrative.has(r.source), r.source).toBe(false);
    for (const s of dataset.sources) {
      if (s.illustrative) {
        expect(s.file).toBe('scripts/national-costs.ts');
        expect(s.title).toMatch(/Not published data\.$/);
        continue;
      }
      expect(s.licence).toBe('Open Government Licence v3.0');
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.title && s.publisher && s.file && s.table && s.period).toBeTruthy();
    }
    const used = new Set([
      ...dataset.observations.map((o) => o.source),
      ...dataset.supply.map((r) => r.source),
      ...(dataset.supplyMovements ?? []).map((r) => r.source),
      ...(dataset.placeProviders ?? []).map((r) => r.source),
      ...(dataset.placementSpend ?? []).flatMap((r) => [r.source, r.spendSource]),
      ...dataset.unitCosts.map((c) => c.source),
      ...dataset.assumptions.flatMap((a) => (a.source ? [a.source] : [])),
    ]);
    const centroids = 'ons-utla-centroids-2024';
    expect(dataset.sources.map((s) => s.id).filter((id) => !used.has(id))).toEqual([centroids]);
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
    const values = [
      ...dataset.observations.map((o) => ({ what: `${o.area} ${o.measure} ${o.period}`, ...o })),
      ...(dataset.placeProviders ?? []).map((r) => ({
        what: `${r.area} ${r.provider} ${r.period}`,
        ...r,
        value: r.children,
      })),
    ];
    for (const o of values) {
      if (o.suppression !== null) {
        expect(suppressionCodes).toContain(o.suppression);
        expect(o.value, o.what).toBeNull();
      } else {
        expect(typeof o.value, o.what).toBe('number');
        expect(Number.isFinite(o.value)).toBe(true);
        expect(o.value).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('never has a part much larger than the children looked after in the same area and period', () => {
    const byKey = index(dataset);
    const parts: MeasureId[] = ['childrenInChildrensHomes', 'placedOver20Miles', 'placedOutsideLaBoundary'];
    let compared = 0;
    for (const o of dataset.observations) {
      if (!parts.includes(o.measure) || o.value === null) continue;
      const total = byKey.get(key(o.area, 'childrenLookedAfter', o.period));
      if (!total || total.value === null) continue;
      // Parts from 2021 to 2024 come from the 2025 release, totals from the 2024 release, which DfE
      // revised by a few children: allow 2% (at least 5 children) for the revision.
      const slack = o.source === total.source ? 0 : Math.max(5, total.value * 0.02);
      expect(o.value, `${o.area} ${o.measure} ${o.period}`).toBeLessThanOrEqual(total.value + slack);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('has the same observations for every authority, bar reorganised ones', () => {
    const perArea = new Map<string, Observation[]>();
    for (const o of dataset.observations) perArea.set(o.area, [...(perArea.get(o.area) ?? []), o]);
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
    for (const a of las) {
      const obs = perArea.get(a.code) ?? [];
      const from = (source: string): number => obs.filter((o) => o.source === source).length;
      expect(
        allLaDfe.reduce((n, s) => n + from(s), 0),
        a.name,
      ).toBe(35);
      expect(from('ons-mye-0to17-2024'), a.name).toBe(populationYears[a.code] ?? 10);
      expect(from('ofsted-csc-providers-2023'), a.name).toBe(noOfsted.has(a.code) ? 0 : 2);
      // Characteristics, 2021 to 2025: 3 measures, and 2025's children looked after and other LAs' children placed inside.
      expect(from('dfe-cla-characteristics-2025'), a.name).toBe(17);
    }
    // Regions and England hold every measure the authorities do.
    const laMeasures = new Set(
      dataset.observations.filter((o) => las.some((a) => a.code === o.area)).map((o) => o.measure),
    );
    for (const a of dataset.areas.filter((x) => x.level !== 'Local authority')) {
      const own = new Set((perArea.get(a.code) ?? []).map((o) => o.measure));
      expect([...own].sort(), a.name).toEqual([...laMeasures].sort());
    }
    expect(laMeasures.size).toBe(13);
  });

  it('holds every place provider for every area and year 2021 to 2025, once', () => {
    const rows = dataset.placeProviders ?? [];
    expect(rows).toHaveLength(dataset.areas.length * 5 * placeProviders.length);
    expect(new Set(rows.map((r) => `${r.area}|${r.period}|${r.provider}`)).size).toBe(rows.length);
    expect([...new Set(rows.map((r) => r.period))]).toEqual(['2021', '2022', '2023', '2024', '2025']);
    // England's providers add up to its children looked after (counts rounded to the nearest 10 each).
    const england = rows.filter((r) => r.area === ENGLAND && r.period === '2025');
    const total = england.reduce((n, r) => n + (r.children ?? 0), 0);
    const cla = index(dataset).get(key(ENGLAND, 'childrenLookedAfter', '2025'))?.value ?? 0;
    expect(Math.abs(total - cla)).toBeLessThanOrEqual(5 * placeProviders.length);
  });
});

describe('supply in the built-in dataset', () => {
  const { dataset } = loadCommitted();
  const laCodes = new Set(dataset.areas.filter((a) => a.level === 'Local authority').map((a) => a.code));
  const byKey = index(dataset);

  it('has rows of non-negative integers for known LAs, sources and categories, once per combination', () => {
    expect(dataset.supply.length).toBeGreaterThan(500);
    const sources = new Set(dataset.sources.map((s) => s.id));
    const seen = new Set<string>();
    for (const r of dataset.supply) {
      const where = `${r.area} ${r.sector} ${r.homeType} ${r.judgement}`;
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
    let compared = 0;
    for (const code of laCodes) {
      const rows = dataset.supply.filter((r) => r.area === code && r.homeType === 'childrensHome');
      const homes = byKey.get(key(code, 'childrensHomes', OFSTED_PERIOD));
      const places = byKey.get(key(code, 'registeredPlaces', OFSTED_PERIOD));
      if (!homes || !places) {
        // Only where Ofsted filed the LA's homes under an abolished predecessor (Cumbria's successors).
        expect(dataset.supply.some((r) => r.area === code)).toBe(false);
        expect(['E06000063', 'E06000064']).toContain(code);
        continue;
      }
      expect(homes.value, code).toBe(rows.reduce((n, r) => n + r.homes, 0));
      expect(places.value, code).toBe(rows.reduce((n, r) => n + r.registeredPlaces, 0));
      compared += 1;
    }
    expect(compared).toBe(laCodes.size - 2);
  });

  it('sums to each region’s count exactly, bar the North West (Cumbria’s homes are counted there only)', () => {
    let shortfall = 0;
    for (const region of dataset.areas.filter((a) => a.level === 'Regional')) {
      const codes = dataset.areas.filter((a) => a.regionCode === region.code && a.level === 'Local authority');
      for (const measure of ['childrensHomes', 'registeredPlaces'] as const) {
        const published = byKey.get(key(region.code, measure, OFSTED_PERIOD))?.value ?? 0;
        const sum = sumOverAreas(
          dataset,
          codes.map((a) => a.code),
          measure,
          OFSTED_PERIOD,
        ).total;
        if (region.code !== NORTH_WEST) expect(sum, `${region.name} ${measure}`).toBe(published);
        else if (measure === 'childrensHomes') {
          shortfall = published - sum;
          expect(shortfall).toBeGreaterThan(0);
          expect(shortfall).toBeLessThan(50);
        }
      }
    }
    const englandHomes = byKey.get(key(ENGLAND, 'childrensHomes', OFSTED_PERIOD))?.value ?? 0;
    expect(englandHomes - sumOverAreas(dataset, laCodes, 'childrensHomes', OFSTED_PERIOD).total).toBe(shortfall);
  });

  it('keeps long-term, short-break-only and secure homes apart (Greater Manchester at 31 March 2023)', () => {
    const split = supplyBySector(dataset.supply, OFSTED_PERIOD, Object.keys(gmCodes)).map((s) => ({
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
    // The long-term children's homes are the childrensHomes measure's 222 homes and 754 places.
    expect(gmSum(dataset, 'childrensHomes', OFSTED_PERIOD)).toBe(27 + 178 + 17);
    expect(gmSum(dataset, 'registeredPlaces', OFSTED_PERIOD)).toBe(754);
  });
});

describe("children's homes opened and closed in the built-in dataset (Ofsted joiners and leavers)", () => {
  const { dataset } = loadCommitted();
  const movements = dataset.supplyMovements ?? [];
  const areaOf = new Map(dataset.areas.map((a) => [a.code, a]));
  const total = (area: string, period: string, key: 'homesOpened' | 'homesClosed' | 'placesOpened' | 'placesClosed') =>
    movements.filter((m) => m.area === area && m.period === period).reduce((n, m) => n + m[key], 0);

  it("matches Ofsted's headline counts: 224 joiners and 146 leavers in 2016-17, 370 and 119 in 2022-23", () => {
    expect(total(ENGLAND, '2017', 'homesOpened')).toBe(224);
    expect(total(ENGLAND, '2017', 'homesClosed')).toBe(146);
    expect(total(ENGLAND, '2023', 'homesOpened')).toBe(370);
    expect(total(ENGLAND, '2023', 'homesClosed')).toBe(119);
  });

  it('holds every year 2017 to 2023, each row citing its own year’s file, with non-negative whole numbers', () => {
    expect([...new Set(movements.map((m) => m.period))].sort()).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
    ]);
    const sources = new Map(dataset.sources.map((src) => [src.id, src]));
    const seen = new Set<string>();
    for (const m of movements) {
      const source = sources.get(m.source);
      expect(source?.file).toBe(`joiners_leavers_${m.period}.csv`);
      expect(source?.publisher).toBe('Ofsted');
      expect(areaOf.has(m.area)).toBe(true);
      expect(homeSectors).toContain(m.sector);
      for (const v of [m.homesOpened, m.placesOpened, m.homesClosed, m.placesClosed]) {
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
      expect(m.placesOpened >= m.homesOpened || m.homesOpened === 0).toBe(true);
      const key = `${m.area}|${m.period}|${m.sector}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('sums authorities to their region and regions to England (bar homes filed under split authorities)', () => {
    const regions = dataset.areas.filter((a) => a.level === 'Regional');
    for (const period of ['2017', '2020', '2023']) {
      let regionsTotal = 0;
      for (const region of regions) {
        const las = dataset.areas.filter((a) => a.level === 'Local authority' && a.regionCode === region.code);
        const laSum = las.reduce((n, a) => n + total(a.code, period, 'homesOpened'), 0);
        const regional = total(region.code, period, 'homesOpened');
        regionsTotal += regional;
        // Cumbria (North West) and Northamptonshire (East Midlands) count in their region only.
        if (region.code === NORTH_WEST || region.code === 'E12000004') expect(regional).toBeGreaterThanOrEqual(laSum);
        else expect(regional, `${region.name} ${period}`).toBe(laSum);
      }
      expect(regionsTotal).toBe(total(ENGLAND, period, 'homesOpened'));
    }
  });
});

describe('published spending and unit costs in the built-in dataset', () => {
  const { dataset } = loadCommitted();
  const spend = dataset.placementSpend ?? [];
  const row = (area: string, service: 'residentialCare' | 'fostering') =>
    spend.find((s) => s.area === area && s.service === service);

  it('has residential and foster care spending for every area, the cost per child where it is comparable', () => {
    expect(spend).toHaveLength(dataset.areas.length * 2);
    for (const s of spend) {
      expect(s.financialYear).toBe('2024-25');
      expect(s.childrenPeriod).toBe('2025');
      expect(s.source).toBe('derived-placement-cost-2024-25');
      expect(s.spendSource).toBe('mhclg-ro3-2024-25');
      if (s.annualCostPerChild === null) {
        expect(s.costNote, s.area).toBeTruthy();
        expect(s.weeklyCostPerChild).toBeNull();
        continue;
      }
      expect(s.costNote).toBeNull();
      expect(s.totalExpenditure).not.toBeNull();
      expect(s.children).toBeGreaterThan(0);
      // Annual = spend (£ thousands × 1,000) ÷ children, weekly = annual ÷ (365 ÷ 7), to the pound.
      expect(Math.abs((s.annualCostPerChild * (s.children ?? 0)) / 1000 - (s.totalExpenditure ?? 0))).toBeLessThan(
        (s.children ?? 0) / 1000,
      );
      expect(Math.abs(s.weeklyCostPerChild! - s.annualCostPerChild / WEEKS_PER_YEAR)).toBeLessThanOrEqual(0.51);
      const england = row(ENGLAND, s.service)?.annualCostPerChild ?? 0;
      expect(s.annualCostPerChild).toBeGreaterThanOrEqual(england / COMPARABLE_FACTOR - 1);
      expect(s.annualCostPerChild).toBeLessThanOrEqual(england * COMPARABLE_FACTOR + 1);
    }
    const given = spend.filter((s) => s.service === 'residentialCare' && s.annualCostPerChild !== null);
    expect(given.length).toBeGreaterThan(140);
  });

  it('derives England’s residential care cost from the England total and the England count', () => {
    const england = row(ENGLAND, 'residentialCare');
    expect(england).toMatchObject({ totalExpenditure: 3810192.405, children: 9480, annualCostPerChild: 401919 });
    expect(england?.weeklyCostPerChild).toBe(7708);
    const inHomes = index(dataset).get(key(ENGLAND, 'childrenInChildrensHomes', '2025'));
    expect(england?.children).toBe(inHomes?.value);
  });

  it("derives Bolton's: about £34m for about 100 children in homes", () => {
    const bolton = row('E08000001', 'residentialCare');
    expect(bolton?.totalExpenditure).toBe(34590);
    expect(bolton?.netCurrentExpenditure).toBe(33526);
    expect(bolton?.children).toBe(102);
    expect(bolton?.children).toBe(index(dataset).get(key('E08000001', 'childrenInChildrensHomes', '2025'))?.value);
    expect(bolton?.annualCostPerChild).toBe(339118);
    expect(bolton?.weeklyCostPerChild).toBe(6504);
  });

  it('sums each region over its authorities that have a figure', () => {
    for (const region of dataset.areas.filter((a) => a.level === 'Regional')) {
      for (const service of ['residentialCare', 'fostering'] as const) {
        const r = row(region.code, service);
        const own = dataset.areas
          .filter((a) => a.regionCode === region.code && a.level === 'Local authority')
          .map((a) => row(a.code, service))
          .filter((s) => s?.annualCostPerChild !== null);
        expect(r?.authoritiesIncluded, region.name).toBe(own.length);
        expect(r?.authoritiesInArea).toBe(
          dataset.areas.filter((a) => a.regionCode === region.code && a.level === 'Local authority').length,
        );
        expect(r?.children).toBe(own.reduce((n, s) => n + (s?.children ?? 0), 0));
        expect(r?.totalExpenditure).toBeCloseTo(
          own.reduce((n, s) => n + (s?.totalExpenditure ?? 0), 0),
          2,
        );
      }
    }
  });

  it("gives children's homes England's published cost in every sector, and marks what is illustrative", () => {
    const sources = new Map(dataset.sources.map((s) => [s.id, s]));
    const weekly = row(ENGLAND, 'residentialCare')?.weeklyCostPerChild;
    for (const sector of ['Local Authority', 'Private', 'Voluntary'] as const) {
      const c = dataset.unitCosts.find((u) => u.placementType === 'childrensHome' && u.sector === sector);
      expect(c).toMatchObject({ weeklyCost: weekly, priceYear: '2024-25', source: 'derived-placement-cost-2024-25' });
      expect(sources.get(c?.source ?? '')?.illustrative).toBe(false);
    }
    const derived = sources.get('derived-placement-cost-2024-25');
    expect(derived?.table).toMatch(/^Method: average cost per child-year = RO3 2024-25 total expenditure/);
    for (const c of dataset.unitCosts.filter((u) => u.source !== 'derived-placement-cost-2024-25')) {
      expect(sources.get(c.source)?.illustrative, `${c.placementType} ${c.sector}`).toBe(true);
    }
    expect(dataset.unitCosts.find((u) => u.sector === 'Block contract')?.weeklyCost).toBe(
      Math.round((weekly ?? 0) * 0.95),
    );
    expect(dataset.assumptions.map((a) => a.key)).toEqual([
      'targetOccupancy',
      'discountRate',
      'blockContractDiscount',
      'residentialCareWeeklyCostEngland',
      'missingRelativeRiskOutOfArea',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Against the published files

/** Suppressed cells' bounds from the characteristics table (see the file's opening comment). */
interface GroupCells {
  total: ParsedValue | undefined;
  parts: Map<string, ParsedValue>;
}

const characteristicsBreakdown: Partial<Record<MeasureId, [string, string]>> = {
  childrenLookedAfter: ['Placement', 'Total'],
  childrenInChildrensHomes: ['Placement', "Secure homes and children's homes"],
  placedOutsideLaBoundary: ['Locality of placement', 'Placed outside the local authority boundary'],
  placedOver20Miles: ['Distance between home and placement', 'Placed more than 20 miles from home'],
  otherLasChildrenPlacedInside: [
    'LA of placement',
    '2. Other LA children externally placed within the local authority boundary',
  ],
};

function readCharacteristics(reference: readonly ReferenceAuthority[]): Map<string, GroupCells> {
  const lookup = createAuthorityLookup(reference);
  const table = new Table(
    FILES.claCharacteristics,
    fs.readFileSync(path.join(dataDir, FILES.claCharacteristics), 'utf8'),
  );
  const renamed = table.hasColumn('breakdown');
  const col = {
    period: table.column('time_period'),
    level: table.column('geographic_level'),
    region: table.column('region_code'),
    la: table.column('new_la_code'),
    group: table.column(renamed ? 'characteristic' : 'cla_group'),
    breakdown: table.column(renamed ? 'breakdown' : 'characteristic'),
    value: table.column(renamed ? 'children_count' : 'number'),
  };
  const groups = new Map<string, GroupCells>();
  for (const { line, cells } of table.rows) {
    const level = cell(cells, col.level).toLowerCase();
    const area =
      level === 'national'
        ? ENGLAND
        : level === 'regional'
          ? cell(cells, col.region)
          : (lookup.byCode(cell(cells, col.la))?.onsCode ?? cell(cells, col.la));
    const k = `${cell(cells, col.period)}|${normaliseName(cell(cells, col.group))}|${area}`;
    const g = groups.get(k) ?? { total: undefined, parts: new Map() };
    const value = parseValue(cell(cells, col.value), `line ${line}`);
    const breakdown = normaliseName(cell(cells, col.breakdown));
    if (breakdown === 'total') g.total = value;
    else g.parts.set(breakdown, value);
    groups.set(k, g);
  }
  return groups;
}

interface TotalsCheck {
  what: string;
  kind: 'exact' | 'bounded' | 'lowerOnly';
  gap: number;
  bound: number;
  tolerance: number;
}

interface LaCell {
  area: string;
  value: number | null;
  suppression: string | null;
}

describe.skipIf(!hasData)(
  hasData
    ? 'built-in dataset against ../shared/data'
    : 'skipped: ../shared/data is absent (published files not present)',
  () => {
    let built: BuildResult;
    const { text, dataset } = loadCommitted();
    const reference = loadReference();
    beforeAll(() => {
      built = buildDatasetWithNotes(dataDir);
    }, 120_000);

    it('is reproducible: rebuilding from ../shared/data gives the committed bytes', () => {
      expect(built.dataset).toEqual(dataset);
      expect(serialiseDataset(built.dataset)).toBe(text);
    });

    it('sums authorities to every published regional and England figure, within rounding and suppression', () => {
      const groups = readCharacteristics(reference);
      const areaOf = new Map(dataset.areas.map((a) => [a.code, a]));
      const las = dataset.areas.filter((a) => a.level === 'Local authority');
      const aggregates = dataset.areas.filter((a) => a.level !== 'Local authority');
      const predecessors = new Map<string, string[]>();
      for (const r of reference.filter((x) => x.status === 'abolished')) {
        for (const s of r.successorCodes) predecessors.set(s, [...(predecessors.get(s) ?? []), r.onsCode]);
      }
      const sourceFile = new Map(dataset.sources.map((s) => [s.id, s.file]));
      const checks: TotalsCheck[] = [];

      /** One series: a measure (or place provider) in one period, from one file. */
      const formerCodes = (code: string): string[] => reference.find((r) => r.onsCode === code)?.formerCodes ?? [];
      const check = (
        what: string,
        measure: string,
        cells: LaCell[],
        published: (aggregate: string) => number | null | undefined,
        file: string,
        group: [string, string] | null,
        period: string,
        tolerance: number,
      ) => {
        for (const agg of aggregates) {
          const value = published(agg.code);
          if (value === null || value === undefined) continue;
          // Every authority of the aggregate: one without a figure at all counts as unknown.
          const given = new Map(cells.map((c) => [c.area, c]));
          const inside = las
            .filter((a) => agg.code === ENGLAND || a.regionCode === agg.code)
            .map((a) => given.get(a.code) ?? { area: a.code, value: null, suppression: null });
          const known = inside.reduce((n, c) => n + (c.value ?? 0), 0);
          const leftOutHere = built.leftOutFigures.filter(
            (f) =>
              f.file === file &&
              f.period === period &&
              f.measure === measure &&
              (agg.code === ENGLAND || f.regionCode === agg.code),
          );
          const leftOut = leftOutHere.reduce((n, f) => n + (f.value ?? 0), 0);
          const gap = value - known - leftOut;
          let bound = 0;
          let unbounded = leftOutHere.some((f) => f.value === null);
          let unknownTotals = false;
          const suppressed = inside.filter((c) => c.value === null);
          for (const c of suppressed) {
            const former = [...(predecessors.get(c.area) ?? []), ...(areaOf.get(c.area) ? formerCodes(c.area) : [])];
            if (
              (c.suppression === 'z' || c.suppression === null) &&
              leftOutHere.some((f) => former.includes(f.code) && f.value !== null)
            ) {
              continue; // The authority did not exist yet; its predecessor's figure is among the left-out ones.
            }
            if (!group) {
              unbounded = true;
              continue;
            }
            const g = groups.get(`${period}|${normaliseName(group[0])}|${c.area}`);
            const total = g?.total?.value;
            if (total === null || total === undefined) {
              unknownTotals = true;
              continue;
            }
            const others = [...(g?.parts ?? [])]
              .filter(([b]) => b !== normaliseName(group[1]))
              .reduce((n, [, v]) => n + (v.value ?? 0), 0);
            bound += normaliseName(group[1]) === 'total' ? total : Math.max(0, total - others);
          }
          if (unknownTotals && group) {
            // The aggregate's children with no published total of their own.
            const aggTotal = groups.get(`${period}|${normaliseName(group[0])}|${agg.code}`)?.total?.value ?? null;
            const laTotals = las
              .filter((a) => agg.code === ENGLAND || a.regionCode === agg.code)
              .reduce(
                (n, a) => n + (groups.get(`${period}|${normaliseName(group[0])}|${a.code}`)?.total?.value ?? 0),
                0,
              );
            if (aggTotal === null) unbounded = true;
            else bound += Math.max(0, aggTotal - laTotals) + tolerance;
          }
          const kind = suppressed.length === 0 ? 'exact' : unbounded ? 'lowerOnly' : 'bounded';
          checks.push({ what: `${what} ${agg.name}`, kind, gap, bound, tolerance });
        }
      };

      const byKey = index(dataset);
      const series = new Map<string, Observation[]>();
      for (const o of dataset.observations) {
        if (measures[o.measure].aggregation !== 'sum' || measures[o.measure].derived) continue;
        if (!las.some((a) => a.code === o.area)) continue;
        const k = `${o.measure}|${o.period}|${o.source}`;
        series.set(k, [...(series.get(k) ?? []), o]);
      }
      for (const [k, cells] of series) {
        const [measure, period, source] = k.split('|') as [MeasureId, string, string];
        const file = sourceFile.get(source) ?? '';
        const fromCharacteristics = source === 'dfe-cla-characteristics-2025';
        const tolerance = source.startsWith('dfe-') ? 5 : 0;
        check(
          `${measure} ${period}`,
          measure,
          cells,
          (agg) => byKey.get(key(agg, measure, period))?.value,
          file,
          fromCharacteristics ? (characteristicsBreakdown[measure] ?? null) : null,
          period,
          tolerance,
        );
      }
      const providers = built.dataset.placeProviders ?? [];
      for (const provider of placeProviders) {
        for (const period of ['2021', '2022', '2023', '2024', '2025']) {
          const rows = providers.filter((r) => r.provider === provider && r.period === period);
          check(
            `${provider} ${period}`,
            provider,
            rows
              .filter((r) => las.some((a) => a.code === r.area))
              .map((r) => ({ area: r.area, value: r.children, suppression: r.suppression })),
            (agg) => rows.find((r) => r.area === agg)?.children,
            sourceFile.get('dfe-cla-characteristics-2025') ?? '',
            ['Place providers', placeProviderLabels[provider]],
            period,
            5,
          );
        }
      }

      for (const c of checks) {
        if (c.kind === 'exact') expect(Math.abs(c.gap), c.what).toBeLessThanOrEqual(c.tolerance);
        else expect(c.gap, c.what).toBeGreaterThanOrEqual(-c.tolerance);
        if (c.kind === 'bounded')
          expect(c.gap, `${c.what} (bound ${c.bound})`).toBeLessThanOrEqual(c.bound + c.tolerance);
      }
      const count = (kind: TotalsCheck['kind']) => checks.filter((c) => c.kind === kind).length;
      // 11 summed measures and 7 providers over 1 to 10 periods, 10 aggregates each (939 checks).
      expect(checks.length).toBeGreaterThan(900);
      expect(count('exact')).toBeGreaterThan(450);
      expect(count('bounded')).toBeGreaterThan(380);
      // Without a bound: missing incidents and others' children placed inside where an authority's figure is
      // suppressed, and the South West's population before Bournemouth, Christchurch and Poole existed.
      expect(count('lowerOnly')).toBeLessThan(70);
      // Every characteristics check (placements, locality, distance, providers) has a bound.
      expect(
        checks.filter(
          (c) => c.kind === 'lowerOnly' && /^(childrenIn|placed|[a-z]+Provision|parents|notReported)/.test(c.what),
        ),
      ).toEqual([]);
    });

    it('has regional figures that add up to England’s (each rounded to the nearest 10 by DfE)', () => {
      const byKey = index(dataset);
      const regions = dataset.areas.filter((a) => a.level === 'Regional');
      let compared = 0;
      for (const o of dataset.observations.filter((x) => x.area === ENGLAND && x.value !== null)) {
        if (measures[o.measure].aggregation !== 'sum' || measures[o.measure].derived) continue;
        const parts = regions.map((r) => byKey.get(key(r.code, o.measure, o.period))?.value);
        if (parts.some((v) => v === null || v === undefined)) continue;
        const sum = parts.reduce<number>((n, v) => n + (v ?? 0), 0);
        const tolerance = o.source.startsWith('dfe-') ? 5 * (regions.length + 1) : 0;
        expect(Math.abs(sum - (o.value ?? 0)), `${o.measure} ${o.period}`).toBeLessThanOrEqual(tolerance);
        compared += 1;
      }
      expect(compared).toBeGreaterThan(50);
    });

    it('matches the published Greater Manchester and England figures (DOMAIN.md)', () => {
      expect(gmSum(dataset, 'childrenLookedAfter', '2025')).toBe(6119);
      expect(gmSum(dataset, 'childrenInChildrensHomes', '2025')).toBe(727);
      expect(gmSum(dataset, 'placedOutsideLaBoundary', '2025')).toBe(2618);
      expect(gmSum(dataset, 'placedOver20Miles', '2025')).toBe(560);
      expect(gmSum(dataset, 'childrenWithMissingIncident', '2024')).toBe(1074);
      expect(gmSum(dataset, 'missingIncidents', '2024')).toBe(8178);
      const byKey = index(dataset);
      expect(byKey.get(key(ENGLAND, 'childrenLookedAfter', '2024'))?.value).toBe(83630);
      expect(byKey.get(key(ENGLAND, 'childrenLookedAfterRatePer10k', '2024'))?.value).toBe(70);
      expect(byKey.get(key(ENGLAND, 'childrenInChildrensHomes', '2025'))?.value).toBe(9480);
    });

    it('keeps suppressed cells as missing with their code', () => {
      // Four GM LAs' "Placed more than 20 miles from home" are suppressed ("c") for 31 March 2021.
      const suppressed = dataset.observations.filter(
        (o) => o.measure === 'placedOver20Miles' && o.period === '2021' && o.area in gmCodes && o.suppression === 'c',
      );
      expect(suppressed.length).toBeGreaterThan(0);
      for (const o of suppressed) expect(o.value).toBeNull();
      // Cumberland did not exist on 31 March 2022: 'z', not 0.
      const cumberland = dataset.observations.find(
        (o) => o.area === 'E06000063' && o.measure === 'childrenInChildrensHomes' && o.period === '2022',
      );
      expect(cumberland).toMatchObject({ value: null, suppression: 'z' });
    });

    it("sums Ofsted's homes and places by sector and type to England's, counted from the published sheet", () => {
      const file = FILES.ofsted;
      const table = new Table(file, fs.readFileSync(path.join(dataDir, file), 'utf8'), (rows) =>
        rows.findIndex((r) => r.map(normaliseName).includes('urn')),
      );
      const col = {
        type: table.column('Provision type'),
        status: table.column('Registration status'),
        sector: table.column('Sector'),
        places: table.column('Places'),
        shortBreak: table.column("Short-break-only children's home"),
      };
      const published = new Map<string, { homes: number; places: number }>();
      for (const { cells } of table.rows) {
        const type = normaliseName(cell(cells, col.type));
        if (type !== "children's home" && type !== "secure children's home") continue;
        if (normaliseName(cell(cells, col.status)) !== 'active') continue;
        const homeType =
          type === "secure children's home"
            ? 'secure'
            : cell(cells, col.shortBreak)
              ? 'shortBreakOnly'
              : 'childrensHome';
        const k = `${cell(cells, col.sector)}|${homeType}`;
        const t = published.get(k) ?? { homes: 0, places: 0 };
        t.homes += 1;
        t.places += Number(cell(cells, col.places));
        published.set(k, t);
      }
      const ours = new Map<string, { homes: number; places: number }>();
      const add = (rows: readonly SupplyRow[]) => {
        for (const s of supplyBySector(rows, OFSTED_PERIOD)) {
          for (const t of homeTypes) {
            if (s.byType[t].homes === 0) continue;
            const k = `${s.sector}|${t}`;
            const o = ours.get(k) ?? { homes: 0, places: 0 };
            o.homes += s.byType[t].homes;
            o.places += s.byType[t].places;
            ours.set(k, o);
          }
        }
      };
      add(dataset.supply);
      add(built.leftOutSupply);
      expect(Object.fromEntries([...ours].sort())).toEqual(Object.fromEntries([...published].sort()));
      const byKey = index(dataset);
      const longTerm = [...published].filter(([k]) => k.endsWith('|childrensHome')).map(([, v]) => v);
      expect(byKey.get(key(ENGLAND, 'childrensHomes', OFSTED_PERIOD))?.value).toBe(
        longTerm.reduce((n, v) => n + v.homes, 0),
      );
      expect(byKey.get(key(ENGLAND, 'registeredPlaces', OFSTED_PERIOD))?.value).toBe(
        longTerm.reduce((n, v) => n + v.places, 0),
      );
      // Cumbria's homes, filed under the abolished county, are the only ones in no authority.
      expect(new Set(built.leftOutSupply.map((r) => r.area))).toEqual(new Set(['E10000006']));
    });
  },
);
