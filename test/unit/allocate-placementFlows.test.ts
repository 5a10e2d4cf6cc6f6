/**
 * Modelled placement flows (shared/allocate/placementFlows/) on a synthetic world whose answer is
 * known: published figures generated from a gravity model with known parameters are fitted back (both
 * ways of modelling own-boundary placements recover β, and λ where fitted, and reproduce every share);
 * the log-odds targets; the rows; the restriction to a consortium (members × members plus one OUTSIDE
 * row each, totals equal to each member's children in homes); the non-illustrative source.
 */
import { describe, expect, it } from 'vitest';
import {
  consortiumFlows,
  logOddsShift,
  modelPlacementFlows,
  modelledFlowsSource,
  pearson,
  placementFlowRows,
  roundToTotal,
  type ChildrensHomesShares,
  type FlowModelAuthority,
  type PlacementFlowModel,
} from '#shared/allocate/placementFlows/index.js';
import { DISTANT_MILES } from '#shared/allocate/distance.js';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '#shared/model/placements.js';

/** A 3 × 4 grid of authorities about 9–11 miles apart, and one about 55 miles away. */
function syntheticWorld(): FlowModelAuthority[] {
  const children = [30, 12, 45, 8, 22, 60, 15, 9, 35, 18, 26, 40, 50];
  const places = [20, 40, 35, 25, 10, 80, 30, 5, 15, 45, 20, 30, 25];
  const points = [
    ...Array.from({ length: 12 }, (_, k) => ({ lat: 53 + 0.15 * Math.floor(k / 4), lon: -2.6 + 0.25 * (k % 4) })),
    { lat: 52.4, lon: -1.6 },
  ];
  return points.map((p, k) => ({
    code: `E0600${String(k + 1).padStart(4, '0')}`,
    lat: p.lat,
    lon: p.lon,
    childrenInHomes: children[k]!,
    registeredPlaces: places[k]!,
    childrenLookedAfter: null,
    placedOutsideLaBoundary: null,
    placedOver20Miles: null,
    otherLasChildrenPlacedInside: null,
  }));
}

const TRUE = { beta: 0.06, ownAuthority: 1.5 };

/**
 * The world with "published" figures made from the model itself (all looked-after children = 1,000 each,
 * shares as modelled), and national shares equal to the model's, so the targets are the model's shares.
 */
function publishedFromModel(): {
  authorities: FlowModelAuthority[];
  national: ChildrensHomesShares;
  truth: PlacementFlowModel;
} {
  const world = syntheticWorld();
  const truth = modelPlacementFlows(world, { ownBoundary: 'fitted', parameters: TRUE });
  const n = world.length;
  let own = 0;
  let far = 0;
  let total = 0;
  const authorities = world.map((a, i) => {
    const o = a.childrenInHomes!;
    const inside = truth.flows[i * n + i]! / o;
    let distant = 0;
    for (let j = 0; j < n; j++)
      if (j !== i && truth.miles[i * n + j]! > DISTANT_MILES) distant += truth.flows[i * n + j]!;
    own += truth.flows[i * n + i]!;
    far += distant;
    total += o;
    const hosted = truth.fit.authorities[i]!.hostedChildren;
    const otherShare = (hosted - truth.flows[i * n + i]!) / hosted;
    const insideCount = 1000 * inside;
    return {
      ...a,
      childrenLookedAfter: 1000,
      placedOutsideLaBoundary: 1000 - insideCount,
      placedOver20Miles: (1000 * distant) / o,
      placedInsideOver20Miles: 0,
      otherLasChildrenPlacedInside: (otherShare * insideCount) / (1 - otherShare),
    };
  });
  return {
    authorities,
    national: { insideLaBoundary: own / total, over20Miles: far / total, over20MilesOfInside: 0, source: 'synthetic' },
    truth,
  };
}

describe('modelPlacementFlows on a world generated from known parameters', () => {
  const { authorities, national, truth } = publishedFromModel();

  it('the generating model meets its totals and its targets equal its own shares (no shift needed)', () => {
    expect(truth.fit.maxBalanceError).toBeLessThan(1e-6);
    const fitted = modelPlacementFlows(authorities, { ownBoundary: 'fitted', national, parameters: TRUE });
    expect(Math.abs(fitted.fit.targetShifts.insideShare)).toBeLessThan(1e-6);
    expect(Math.abs(fitted.fit.targetShifts.over20Share)).toBeLessThan(1e-6);
    expect(Math.abs(fitted.fit.targetShifts.hostOtherShare)).toBeLessThan(1e-6);
    expect(fitted.fit.insideShare.meanAbsoluteError).toBeLessThan(1e-9);
    expect(fitted.fit.over20Share.meanAbsoluteError).toBeLessThan(1e-9);
    expect(fitted.fit.hostOtherShare.meanAbsoluteError).toBeLessThan(1e-9);
  });

  it("'fitted' recovers β and λ from the shares", () => {
    const model = modelPlacementFlows(authorities, { ownBoundary: 'fitted', national });
    expect(model.fit.converged).toBe(true);
    expect(model.parameters.beta).toBeCloseTo(TRUE.beta, 3);
    expect(model.parameters.ownAuthority).toBeCloseTo(TRUE.ownAuthority, 2);
    expect(model.fit.insideShare.meanAbsoluteError).toBeLessThan(1e-3);
    expect(model.fit.over20Share.meanAbsoluteError).toBeLessThan(1e-3);
    model.flows.forEach((t, k) => expect(Math.abs(t - truth.flows[k]!)).toBeLessThan(0.05));
  });

  it("'published' sets own-boundary flows from the shares and recovers β (the same table: maximum entropy with the diagonal fixed)", () => {
    const model = modelPlacementFlows(authorities, { national });
    expect(model.fit.ownBoundary).toBe('published');
    expect(model.parameters.ownAuthority).toBeNull();
    expect(model.parameters.beta).toBeCloseTo(TRUE.beta, 3);
    expect(model.fit.insideShare.meanAbsoluteError).toBeLessThan(1e-9);
    expect(model.fit.over20Share.meanAbsoluteError).toBeLessThan(1e-3);
    model.flows.forEach((t, k) => expect(Math.abs(t - truth.flows[k]!)).toBeLessThan(0.05));
  });

  it('reproduces every authority’s totals: rows its children in homes, columns its places scaled to them', () => {
    const model = modelPlacementFlows(authorities, { national });
    const n = authorities.length;
    const totalChildren = authorities.reduce((s, a) => s + a.childrenInHomes!, 0);
    const totalPlaces = authorities.reduce((s, a) => s + a.registeredPlaces!, 0);
    expect(model.fit.maxBalanceError).toBeLessThan(1e-6);
    authorities.forEach((a, i) => {
      let row = 0;
      let col = 0;
      for (let j = 0; j < n; j++) {
        row += model.flows[i * n + j]!;
        col += model.flows[j * n + i]!;
      }
      expect(Math.abs(row - a.childrenInHomes!)).toBeLessThan(1e-6);
      expect(Math.abs(col - (a.registeredPlaces! * totalChildren) / totalPlaces)).toBeLessThan(1e-6);
    });
  });

  it('keeps children nearer home for a larger β', () => {
    const shareOver20 = (beta: number): number =>
      modelPlacementFlows(authorities, { national, parameters: { beta, ownAuthority: null } }).fit.over20Share
        .modelledMean;
    const shares = [0.01, 0.03, 0.06, 0.12, 0.25].map(shareOver20);
    shares.slice(1).forEach((s, k) => expect(s).toBeLessThan(shares[k]!));
  });

  it('is deterministic', () => {
    const a = modelPlacementFlows(authorities, { national });
    const b = modelPlacementFlows(authorities, { national });
    expect(Array.from(a.flows)).toEqual(Array.from(b.flows));
    expect(a.parameters).toEqual(b.parameters);
  });
});

describe('authorities with missing figures', () => {
  it('places nothing from an authority without children in homes, hosts nothing where there are no places, and fits on the rest', () => {
    const { authorities, national } = publishedFromModel();
    const changed = authorities.map((a, i) =>
      i === 0
        ? { ...a, childrenInHomes: null }
        : i === 1
          ? { ...a, registeredPlaces: 0 }
          : i === 2
            ? { ...a, placedOver20Miles: null, placedOutsideLaBoundary: null }
            : a,
    );
    const model = modelPlacementFlows(changed, { national });
    const n = changed.length;
    for (let j = 0; j < n; j++) expect(model.flows[0 * n + j]).toBe(0);
    for (let i = 0; i < n; i++) expect(model.flows[i * n + 1]).toBe(0);
    const third = model.fit.authorities[2]!;
    expect(third.insideShare.target).toBeNull();
    expect(third.over20Share.target).toBeNull();
    // Without a published share it keeps England's in-boundary share of its children.
    expect(third.insideShare.modelled).toBeCloseTo(national.insideLaBoundary, 6);
    expect(model.fit.over20Share.authorities).toBe(n - 2);
  });

  it('refuses an authority listed twice', () => {
    const world = syntheticWorld();
    expect(() => modelPlacementFlows([...world, world[0]!])).toThrow(/twice/);
  });
});

describe('targets on the log-odds scale', () => {
  it('moves shares so their weighted mean is the national level, keeping their order', () => {
    const shares = [0.2, 0.5, 0.7, null, 0.9];
    const weights = [10, 30, 20, 50, 5];
    const delta = logOddsShift(shares, weights, 0.3);
    const moved = shares.map((p) => (p === null ? null : 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + delta)))));
    const mean = moved.reduce<number>((s, p, k) => s + (p === null ? 0 : p * weights[k]!), 0) / (10 + 30 + 20 + 5);
    expect(mean).toBeCloseTo(0.3, 9);
    expect(delta).toBeLessThan(0);
    for (let k = 1; k < moved.length; k++)
      if (moved[k] !== null && moved[k - 1] !== null) expect(moved[k]!).toBeGreaterThan(moved[k - 1]!);
  });

  it('moves nothing when the shares already average the level', () => {
    expect(logOddsShift([0.25, 0.75], [1, 1], 0.5)).toBeCloseTo(0, 9);
  });
});

describe('flow rows and the restriction to a consortium', () => {
  const { authorities, national } = publishedFromModel();
  const model = modelPlacementFlows(authorities, { national });
  const rows = placementFlowRows(model, { period: '2024', source: 'modelled-flows-2024' });
  const codes = authorities.map((a) => a.code);

  it('gives every flow as a row, summing to each authority’s children in homes', () => {
    expect(rows.every((r) => r.period === '2024' && r.source === 'modelled-flows-2024' && r.children > 0)).toBe(true);
    for (const a of authorities) {
      const sum = rows.filter((r) => r.placingArea === a.code).reduce((s, r) => s + r.children, 0);
      expect(Math.abs(sum - a.childrenInHomes!)).toBeLessThan(0.005 * authorities.length);
    }
  });

  it('restricts to members × members plus one OUTSIDE row per member, each member’s rows summing to its children', () => {
    const members = [codes[0]!, codes[1]!, codes[4]!, codes[5]!];
    const { flows, membersWithoutFlows } = consortiumFlows(rows, members, { period: '2024', source: 'modelled' });
    expect(membersWithoutFlows).toEqual([]);
    for (const f of flows) {
      expect(members).toContain(f.placingArea);
      expect([...members, OUTSIDE_CONSORTIUM]).toContain(f.hostArea);
      expect(Number.isInteger(f.children)).toBe(true);
    }
    for (const m of members) {
      const mine = flows.filter((f) => f.placingArea === m);
      expect(mine.filter((f) => f.hostArea === OUTSIDE_CONSORTIUM).length).toBeLessThanOrEqual(1);
      const i = codes.indexOf(m);
      expect(mine.reduce((s, f) => s + f.children, 0)).toBe(Math.round(authorities[i]!.childrenInHomes!));
      // The split follows the national flows: the OUTSIDE row is everything placed with non-members.
      const outside = rows
        .filter((r) => r.placingArea === m && !members.includes(r.hostArea))
        .reduce((s, r) => s + r.children, 0);
      const outsideRow = mine.find((f) => f.hostArea === OUTSIDE_CONSORTIUM)?.children ?? 0;
      expect(Math.abs(outsideRow - outside)).toBeLessThanOrEqual(1);
    }
  });

  it('scales each member’s flows to the plan’s children in homes where given, and names members with no flows', () => {
    const members = [codes[2]!, codes[3]!, 'E09999999'];
    const childrenInHomes = new Map([
      [codes[2]!, 90],
      [codes[3]!, 7],
    ]);
    const whole = consortiumFlows(rows, members, { period: '2025', source: 'modelled', childrenInHomes });
    expect(whole.membersWithoutFlows).toEqual(['E09999999']);
    expect(whole.flows.filter((f) => f.placingArea === codes[2]).reduce((s, f) => s + f.children, 0)).toBe(90);
    expect(whole.flows.filter((f) => f.placingArea === codes[3]).reduce((s, f) => s + f.children, 0)).toBe(7);
    expect(whole.flows.every((f) => f.period === '2025')).toBe(true);
    const exact = consortiumFlows(rows, members, { period: '2025', source: 'modelled', childrenInHomes, whole: false });
    const own = (list: PlacementFlow[]): number =>
      list.find((f) => f.placingArea === codes[2] && f.hostArea === codes[2])!.children;
    expect(Math.abs(own(whole.flows) - own(exact.flows))).toBeLessThan(1);
    expect(exact.flows.filter((f) => f.placingArea === codes[2]).reduce((s, f) => s + f.children, 0)).toBeCloseTo(
      90,
      9,
    );
  });

  it('describes itself as modelled, not illustrative, with its parameters and fit', () => {
    const source = modelledFlowsSource(model, {
      id: 'modelled-flows-2024',
      period: '31 March 2024',
      inputs: 'synthetic figures',
    });
    expect(source.illustrative).toBe(false);
    expect(source.id).toBe('modelled-flows-2024');
    expect(source.title).toMatch(/Modelled/);
    expect(source.table).toContain(model.parameters.beta.toFixed(4));
    expect(source.table).toMatch(/in-boundary share/);
  });
});

describe('helpers', () => {
  it('rounds to whole numbers summing exactly to the total, ties to the earlier', () => {
    expect(roundToTotal([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(roundToTotal([0.2, 0.2, 0.6], 1)).toEqual([0, 0, 1]);
    expect(roundToTotal([2.4, 3.4, 4.2], 10).reduce((s, v) => s + v, 0)).toBe(10);
    expect(roundToTotal([5, 5], 8)).toEqual([4, 4]);
  });

  it('correlates', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
