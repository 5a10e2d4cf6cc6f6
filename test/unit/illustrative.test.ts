import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haversineMiles } from '#shared/allocate/distance.js';
import {
  buildIllustrative,
  greaterManchesterIllustration,
  ILLUSTRATIVE_SEED,
  largestRemainder,
  type IllustrativeOutput,
} from '../../scripts/illustrative.js';
import { GREATER_MANCHESTER_CODES } from '#shared/model/consortia.js';
import type { Area, BuiltInDataset, Observation } from '#shared/model/dataset.js';
import { OUTSIDE_CONSORTIUM } from '#shared/model/placements.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The national built-in dataset with the ten Greater Manchester authorities as members.
const national = JSON.parse(
  fs.readFileSync(path.join(root, 'resources/dataset/builtin-england.json'), 'utf8'),
) as BuiltInDataset;
const facts: BuiltInDataset = {
  ...national,
  consortiumName: 'Greater Manchester',
  areas: national.areas.map((a) => ({ ...a, isMember: GREATER_MANCHESTER_CODES.includes(a.code) })),
};
const members = facts.areas.filter((a) => a.isMember);
const memberCodes = new Set(members.map((a) => a.code));

const published = (area: string, measure: Observation['measure'], period: string): number => {
  const value = facts.observations.find((o) => o.area === area && o.measure === measure && o.period === period)?.value;
  if (value === undefined || value === null) throw new Error(`No ${measure} for ${area} in ${period}`);
  return value;
};

const assumptionValue = (out: IllustrativeOutput, key: string): number => {
  const found = out.assumptions.find((a) => a.key === key);
  if (!found) throw new Error(`Missing assumption ${key}`);
  return found.value;
};

const shares = (out: IllustrativeOutput) => {
  const total = out.flows.reduce((acc, f) => acc + f.children, 0);
  const sum = (pred: (f: IllustrativeOutput['flows'][number]) => boolean) =>
    out.flows.filter(pred).reduce((acc, f) => acc + f.children, 0);
  return {
    total,
    outsideLa: sum((f) => f.hostArea !== f.placingArea) / total,
    outsideConsortium: sum((f) => f.hostArea === OUTSIDE_CONSORTIUM) / total,
  };
};

const gm = buildIllustrative(facts);

describe('buildIllustrative (Greater Manchester)', () => {
  it('is deterministic for a seed, defaulting to ILLUSTRATIVE_SEED', () => {
    expect(buildIllustrative(facts, ILLUSTRATIVE_SEED)).toEqual(gm);
    expect(greaterManchesterIllustration(national)).toEqual(gm);
    expect(buildIllustrative(facts, 7)).toEqual(buildIllustrative(facts, 7));
  });

  it('gives different flows for a different seed', () => {
    const other = buildIllustrative(facts, ILLUSTRATIVE_SEED + 1);
    expect(other.flows).not.toEqual(gm.flows);
    expect(other.flows.map((f) => f.children)).not.toEqual(gm.flows.map((f) => f.children));
  });

  it('uses the latest period in which every member has children in children’s homes', () => {
    expect(members).toHaveLength(10);
    expect(new Set(gm.flows.map((f) => f.period))).toEqual(new Set(['2025']));
  });

  it('conserves each placing LA’s published count exactly', () => {
    for (const la of members) {
      const placed = gm.flows.filter((f) => f.placingArea === la.code);
      expect(placed.length).toBeGreaterThan(1);
      expect(placed.reduce((acc, f) => acc + f.children, 0)).toBe(
        published(la.code, 'childrenInChildrensHomes', '2025'),
      );
    }
    expect(shares(gm).total).toBe(727);
  });

  it('holds only non-negative integer flows from members to members or OUTSIDE, one row per pair', () => {
    for (const f of gm.flows) {
      expect(Number.isInteger(f.children)).toBe(true);
      expect(f.children).toBeGreaterThanOrEqual(0);
      expect(memberCodes.has(f.placingArea)).toBe(true);
      expect(memberCodes.has(f.hostArea) || f.hostArea === OUTSIDE_CONSORTIUM).toBe(true);
    }
    const pairs = gm.flows.map((f) => `${f.placingArea}>${f.hostArea}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toHaveLength(members.length * (members.length + 1));
  });

  it('references only returned, illustrative sources', () => {
    const byId = new Map(gm.sources.map((s) => [s.id, s]));
    expect(byId.size).toBe(gm.sources.length);
    const used = [
      ...gm.flows.map((f) => f.source),
      ...gm.unitCosts.map((c) => c.source),
      ...gm.assumptions.flatMap((a) => (a.source === null ? [] : [a.source])),
    ];
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) {
      const source = byId.get(id);
      expect(source, id).toBeDefined();
      expect(source?.illustrative).toBe(true);
    }
    for (const s of gm.sources) {
      expect(s).toMatchObject({
        illustrative: true,
        publisher: 'Sufficiency Planner (generated)',
        file: 'scripts/illustrative.ts',
        licence: 'Generated illustration — not published data',
        url: '',
      });
      expect(s.title.length).toBeGreaterThan(40);
      expect(s.table.length).toBeGreaterThan(0);
      expect(s.period.length).toBeGreaterThan(0);
    }
  });

  it('prices children’s homes around the NAO figure, with block contracts below private spot', () => {
    const cost = (placementType: string, sector: string): number => {
      const found = gm.unitCosts.find((c) => c.placementType === placementType && c.sector === sector);
      if (!found) throw new Error(`No cost for ${placementType} / ${sector}`);
      return found.weeklyCost;
    };
    const privateSpot = cost('childrensHome', 'Private');
    const block = cost('childrensHome', 'Block contract');
    const laRun = cost('childrensHome', 'Local Authority');
    expect(block).toBeLessThan(privateSpot);
    expect(block / privateSpot).toBeCloseTo(0.95, 2);
    expect(laRun).toBeLessThan(privateSpot);
    const naoWeekly = 318_400 / (365 / 7);
    expect(Math.abs(privateSpot - naoWeekly) / naoWeekly).toBeLessThan(0.1);
    expect(Math.abs(laRun - naoWeekly) / naoWeekly).toBeLessThan(0.2);
    expect(cost('secure', 'Local Authority')).toBeGreaterThan(privateSpot);
    expect(cost('fosterInHouse', 'Local Authority')).toBeLessThan(cost('fosterAgency', 'Private'));
    expect(cost('supportedAccommodation', 'Private')).toBeGreaterThan(0);
    for (const c of gm.unitCosts) {
      expect(Number.isInteger(c.weeklyCost)).toBe(true);
      expect(c.priceYear).toBe('2023-24');
    }
  });

  it('states the required assumptions with a fixed change stamp', () => {
    expect(assumptionValue(gm, 'targetOccupancy')).toBe(0.85);
    expect(assumptionValue(gm, 'discountRate')).toBe(0.035);
    expect(assumptionValue(gm, 'blockContractDiscount')).toBe(0.05);
    expect(assumptionValue(gm, 'flowDistanceDecayMiles')).toBeGreaterThan(0);
    const keys = gm.assumptions.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of gm.assumptions) {
      expect(a.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(a.changedBy).toBe('scripts/illustrative.ts');
      expect(a.changedAt).toBe('2026-04-01');
      expect(a.rationale.length).toBeGreaterThan(20);
      expect(Number.isFinite(a.value)).toBe(true);
    }
  });

  it('reports achieved shares that match the flows and sit near their targets', () => {
    const measured = shares(gm);
    const target = assumptionValue(gm, 'flowOutsideLaShareTarget');
    expect(Math.abs(measured.outsideLa - target)).toBeLessThanOrEqual(0.1);
    expect(assumptionValue(gm, 'flowOutsideLaShareAchieved')).toBeCloseTo(measured.outsideLa, 4);
    expect(assumptionValue(gm, 'flowOwnLaShareAchieved')).toBeCloseTo(1 - measured.outsideLa, 4);
    expect(assumptionValue(gm, 'flowOwnLaShareTarget')).toBeCloseTo(1 - target, 4);
    expect(assumptionValue(gm, 'flowOutsideConsortiumShareAchieved')).toBeCloseTo(measured.outsideConsortium, 4);
    expect(
      Math.abs(measured.outsideConsortium - assumptionValue(gm, 'flowOutsideConsortiumShareTarget')),
    ).toBeLessThanOrEqual(0.1);
    expect(
      Math.abs(assumptionValue(gm, 'flowOver20MilesShareAchieved') - assumptionValue(gm, 'flowOver20MilesShareTarget')),
    ).toBeLessThanOrEqual(0.05);
  });

  it('calibrates the outside-LA target from the published shares, moved up towards 67%', () => {
    const cla = members.reduce((acc, a) => acc + published(a.code, 'childrenLookedAfter', '2025'), 0);
    const outside = members.reduce((acc, a) => acc + published(a.code, 'placedOutsideLaBoundary', '2025'), 0);
    const publishedShare = outside / cla;
    const target = assumptionValue(gm, 'flowOutsideLaShareTarget');
    expect(target).toBeGreaterThan(publishedShare);
    expect(target).toBeLessThanOrEqual(0.67 + 0.05);
    // Some children are placed elsewhere in the consortium and some outside it.
    expect(shares(gm).outsideConsortium).toBeGreaterThan(0);
    expect(shares(gm).outsideConsortium).toBeLessThan(shares(gm).outsideLa);
  });

  it('keeps calibration within tolerance across seeds', () => {
    for (const seed of [1, 2, 3, 99, 123_456]) {
      const out = buildIllustrative(facts, seed);
      expect(Math.abs(shares(out).outsideLa - assumptionValue(out, 'flowOutsideLaShareTarget'))).toBeLessThanOrEqual(
        0.1,
      );
    }
  });

  it('derives missing-incident rates by locality that reproduce the published GM rate', () => {
    const cla = members.reduce((acc, a) => acc + published(a.code, 'childrenLookedAfter', '2024'), 0);
    const incidents = members.reduce((acc, a) => acc + published(a.code, 'missingIncidents', '2024'), 0);
    const outShare = members.reduce((acc, a) => acc + published(a.code, 'placedOutsideLaBoundary', '2024'), 0) / cla;
    const inside = assumptionValue(gm, 'missingIncidentRateInsideLa');
    const outOfArea = assumptionValue(gm, 'missingIncidentRateOutOfArea');
    expect(outOfArea).toBeGreaterThan(inside);
    expect(inside * (1 - outShare) + outOfArea * outShare).toBeCloseTo(incidents / cla, 2);
  });
});

describe('buildIllustrative on a small consortium', () => {
  const la = (code: string, lat: number, lon: number, isMember = true): Area => ({
    code,
    dfeCode: code.slice(-3),
    name: code,
    level: 'Local authority',
    regionCode: null,
    regionName: null,
    centroidLat: lat,
    centroidLon: lon,
    isMember,
  });
  const o = (area: string, measure: Observation['measure'], period: string, value: number | null): Observation => ({
    area,
    measure,
    period,
    value,
    suppression: value === null ? 'c' : null,
    source: 'test',
  });
  const small: BuiltInDataset = {
    ...facts,
    areas: [la('A', 53.5, -2.3), la('B', 53.55, -2.2), la('C', 53.4, -2.5), la('X', 51.5, -0.1, false)],
    observations: [
      ...['A', 'B', 'C'].flatMap((code, i) => [
        o(code, 'childrenInChildrensHomes', '2025', 17 + i * 5),
        o(code, 'childrenInChildrensHomes', '2026', code === 'C' ? null : 40),
        o(code, 'childrenLookedAfter', '2025', 300),
        o(code, 'placedOutsideLaBoundary', '2025', code === 'B' ? null : 120),
        o(code, 'placedOver20Miles', '2025', 25),
        o(code, 'registeredPlaces', '2023-03-31', 10 * (i + 1)),
        o(code, 'childrenLookedAfter', '2024', 300),
        o(code, 'placedOutsideLaBoundary', '2024', 110),
        o(code, 'missingIncidents', '2024', 400),
      ]),
      o('X', 'childrenInChildrensHomes', '2026', 99),
    ],
  };

  it('skips periods with a missing member, falls back for suppressed shares and still conserves', () => {
    const out = buildIllustrative(small, 5);
    expect(new Set(out.flows.map((f) => f.period))).toEqual(new Set(['2025']));
    expect(out.flows.some((f) => f.placingArea === 'X' || f.hostArea === 'X')).toBe(false);
    for (const [code, n] of [
      ['A', 17],
      ['B', 22],
      ['C', 27],
    ] as const) {
      expect(out.flows.filter((f) => f.placingArea === code).reduce((acc, f) => acc + f.children, 0)).toBe(n);
    }
    expect(out.flows.every((f) => Number.isInteger(f.children) && f.children >= 0)).toBe(true);
  });

  it('fails clearly when no period covers every member', () => {
    const broken = { ...small, observations: small.observations.filter((x) => x.area !== 'C') };
    expect(() => buildIllustrative(broken)).toThrow(/every consortium member/);
  });
});

describe('helpers', () => {
  it('rounds by largest remainder to the exact total', () => {
    expect(largestRemainder([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(largestRemainder([0.2, 0.7, 2.1], 3)).toEqual([0, 1, 2]);
    expect(largestRemainder([3.3, 3.3, 3.4], 10)).toEqual([3, 3, 4]);
    expect(largestRemainder([0, 0, 0], 0)).toEqual([0, 0, 0]);
  });

  it('measures great-circle distance in miles', () => {
    expect(haversineMiles(53, -2, 54, -2)).toBeCloseTo(69.09, 1);
    expect(haversineMiles(53.47009, -2.23359, 53.47009, -2.23359)).toBe(0);
    // Manchester to Bolton centroids: about 11 miles.
    const miles = haversineMiles(53.47009, -2.23359, 53.5845, -2.47952);
    expect(miles).toBeGreaterThan(9);
    expect(miles).toBeLessThan(13);
  });
});
