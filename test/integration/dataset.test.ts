import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { buildDataset, serialiseDataset } from '../../scripts/build-dataset.js';
import type { BuiltInDataset, Observation } from '../../shared/model/dataset.js';
import { suppressionCodes } from '../../shared/model/dataset.js';
import type { MeasureId } from '../../shared/model/measures.js';
import { isMeasureId } from '../../shared/model/measures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasetFile = path.resolve(here, '../../resources/dataset/builtin-gm.json');
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

  it('is written as 2-space JSON with a trailing newline', () => {
    expect(text).toBe(serialiseDataset(dataset));
    expect(text.endsWith('}\n')).toBe(true);
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
    expect(dataset.areas).toHaveLength(12);
  });

  it('has unique area codes and source ids, and sources that are published facts', () => {
    expect(new Set(dataset.areas.map((a) => a.code)).size).toBe(dataset.areas.length);
    expect(new Set(dataset.sources.map((s) => s.id)).size).toBe(dataset.sources.length);
    for (const s of dataset.sources) {
      expect(s.illustrative).toBe(false);
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
