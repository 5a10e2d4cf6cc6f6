/**
 * Year 0 and the gap's parts: the base year by the projection's own definitions (observed children,
 * where they were placed, places by sector, the gap), and each projected year's median gap split
 * into today's shortfall, growth in need, occupancy headroom and supply change, adding up exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  basePosition,
  decomposeGap,
  placedWhereByMember,
  project,
  projectionInputsFromPlan,
  reconcileGaps,
  sumPlacedWhere,
} from '#shared/forecast/index.js';
import type { PlacementFlow } from '#shared/model/placements.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

/** Σ over members of (own share − 60%) × open market where positive: places the consortium counts beyond 60%. */
const aboveConsortium = (result: ReturnType<typeof project>): number =>
  (result.accessShares ?? []).reduce((s, a) => s + Math.max(0, a.share - 0.6) * a.openMarketPlaces, 0);

describe('the base year, year 0', () => {
  const data = builtInPlanData();
  const result = project(projectionInputsFromPlan(data), { method: 'rate' });
  const base = result.consortium.base;
  const accessible = 118 + 0.6 * 636 + aboveConsortium(result);

  it('is the latest observed year, by the same definition as the projected gap', () => {
    expect(base?.year).toBe(result.baseYear);
    // Greater Manchester 2025 (the frozen illustrative plan): 727 children, 118 LA-run and 636
    // open-market places, 60% of the open market counted for consortium children — and, for a
    // member whose own share is above 60%, its own share (one member: Bolton, 72%).
    expect(base?.children).toBe(727);
    expect(base?.places).toMatchObject({ snapshot: '2023-03-31', registered: 754, laRun: 118, openMarket: 636 });
    expect(aboveConsortium(result)).toBeGreaterThan(0);
    expect(base?.places.accessible).toBeCloseTo(accessible, 9);
    expect(base?.gap).toBeCloseTo(727 / 0.85 - accessible, 9);
    // Members' children by where they were placed, from the plan's flows, adding up to the total.
    const placed = base?.placedWhere;
    expect(placed?.period).toBe('2025');
    expect((placed?.ownLa ?? 0) + (placed?.elsewhereInConsortium ?? 0) + (placed?.outside ?? 0)).toBe(727);
    for (const area of result.areas) {
      expect(area.base?.children).toBe(area.history.find((d) => d.year === '2025')?.value);
      // Each member's own share, estimated from its figures (shared/forecast/accessShares.ts).
      const own = result.accessShares?.find((a) => a.code === area.code);
      expect(own?.basis).toBe('estimated');
      expect(area.base?.places.openMarketShare).toBe(own?.share);
    }
  });

  it('decomposes every projected year’s median gap into parts that add up to it', () => {
    for (const area of [result.consortium, ...result.areas]) {
      expect(area.decomposition).toHaveLength(result.years.length);
      area.decomposition?.forEach((d, h) => {
        const sum = d.todayShortfall + d.growthInNeed + d.occupancyHeadroom + d.supplyChange;
        expect(sum).toBeCloseTo(area.years[h]?.gap.p50 ?? NaN, 9);
        expect(d.gap).toBeCloseTo(area.years[h]?.gap.p50 ?? NaN, 9);
      });
    }
    const first = result.consortium.decomposition?.[0];
    expect(first?.todayShortfall).toBeCloseTo(727 - accessible, 9);
    expect(first?.supplyChange).toBe(0);
  });

  it('counts supply changes after the base year as supply change, and lost places as adding to the gap', () => {
    const withClosure = project(projectionInputsFromPlan(data), {
      method: 'rate',
      supplyChanges: [
        { area: result.areas[0]?.code ?? '', fromYear: '2027', registeredPlaces: -12, accessiblePlaces: -12 },
      ],
    });
    const parts = withClosure.consortium.decomposition ?? [];
    expect(parts[0]?.supplyChange).toBe(0);
    expect(parts[1]?.supplyChange).toBeCloseTo(12, 9);
    expect(withClosure.consortium.base?.places.accessible).toBeCloseTo(base?.places.accessible ?? NaN, 9);
  });

  it('does not let the median path jump back where a horizon has too few pairs for its own percentiles', () => {
    // Greater Manchester's children in homes rose every year 2021–25; its median path keeps rising.
    const medians = result.consortium.years.map((y) => y.demand.p50);
    for (let h = 1; h < medians.length; h++) expect(medians[h]).toBeGreaterThanOrEqual(medians[h - 1] ?? Infinity);
  });
});

describe('where children were placed', () => {
  const flow = (placingArea: string, hostArea: string, children: number, period = '2025'): PlacementFlow => ({
    placingArea,
    hostArea,
    period,
    children,
    source: 'flows',
  });

  it('splits each member’s children into own authority, elsewhere in the consortium and outside, at the latest snapshot up to the base year', () => {
    const flows = [
      flow('E1', 'E1', 5),
      flow('E1', 'E2', 3),
      flow('E1', 'OUTSIDE', 2),
      flow('E1', 'E9', 1),
      flow('E2', 'E2', 4),
      flow('E2', 'E1', 9, '2024'),
      flow('E2', 'E2', 50, '2026'),
      flow('E9', 'E1', 7),
    ];
    const placed = placedWhereByMember(flows, ['E1', 'E2'], '2025');
    expect(placed.get('E1')).toEqual({
      period: '2025',
      sources: ['flows'],
      ownLa: 5,
      elsewhereInConsortium: 3,
      outside: 3,
    });
    expect(placed.get('E2')).toMatchObject({ ownLa: 4, elsewhereInConsortium: 0, outside: 0 });
    expect(placed.has('E9')).toBe(false);
    expect(sumPlacedWhere([...placed.values()])).toMatchObject({ ownLa: 9, elsewhereInConsortium: 3, outside: 3 });
  });

  it('leaves the parts out when there are no base-year children to start from', () => {
    const places = {
      snapshot: null,
      movedOn: false,
      registered: 10,
      laRun: 2,
      contracted: 0,
      openMarket: 8,
      accessible: 4,
      openMarketShare: 0.25,
    };
    const unknown = basePosition('2025', null, places, 0.85, null);
    expect(unknown.gap).toBeNull();
    expect(decomposeGap(unknown, { year: '2026', demand: { p50: 10 }, accessiblePlaces: 4 }, 0.85)).toBeNull();
  });
});

describe('the consortium’s gap and its members’ gaps', () => {
  it('reconciles every year exactly: sum of members − pooled access + medians that do not add', () => {
    const result = project(projectionInputsFromPlan(builtInPlanData()), { method: 'rate' });
    expect(result.reconciliation).toHaveLength(result.years.length);
    result.reconciliation?.forEach((r, h) => {
      const members = result.areas.reduce((s, a) => s + (a.years[h]?.gap.p50 ?? 0), 0);
      expect(r.sumOfMembers).toBeCloseTo(members, 9);
      expect(r.consortium).toBeCloseTo(result.consortium.years[h]?.gap.p50 ?? NaN, 9);
      expect(r.sumOfMembers - r.pooledAccess + r.mediansDoNotAdd + r.other).toBeCloseTo(r.consortium, 9);
      // GM: Σ (60% − the member's own share) × its open-market places where its share is below 60%,
      // and nothing else left over.
      const pooled = (result.accessShares ?? []).reduce(
        (s, a) => s + Math.max(0, 0.6 - a.share) * a.openMarketPlaces,
        0,
      );
      expect(pooled).toBeGreaterThan(100);
      expect(r.pooledAccess).toBeCloseTo(pooled, 6);
      expect(Math.abs(r.other)).toBeLessThan(1e-6);
    });
  });

  it('takes the pooled part from the two shares and the members’ open market', () => {
    const r = reconcileGaps(
      '2030',
      { demandP50: 205, gapP50: 205 / 0.8 - (10 + 0.5 * 100) },
      [
        { demandP50: 100, gapP50: 100 / 0.8 - (5 + 0.2 * 60), openMarket: 60 },
        { demandP50: 100, gapP50: 100 / 0.8 - (5 + 0.2 * 40), openMarket: 40 },
      ],
      { targetOccupancy: 0.8, openMarketAccessShare: 0.2, consortiumOpenMarketAccessShare: 0.5 },
    );
    expect(r.pooledAccess).toBeCloseTo(30, 9);
    expect(r.mediansDoNotAdd).toBeCloseTo(5 / 0.8, 9);
    expect(r.other).toBeCloseTo(0, 9);
  });
});
