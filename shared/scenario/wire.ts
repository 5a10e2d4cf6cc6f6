/**
 * The scenario context in a form that survives JSON (the browser-mode bridge) and is checked where
 * it arrives (the renderer's scenario worker): typed arrays become plain arrays, and the shape the
 * engine indexes — members, distances, supply, demand and its simulations, years — is validated,
 * with array lengths consistent with one another, before a scenario is ever run on it.
 */
import { z } from 'zod';
import type { ScenarioContext } from './types.js';

const finite = z.number();
const count = finite.min(0);
const looseRecord = z.record(z.string(), z.unknown());

const assumptionSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    value: finite,
    unit: z.string(),
    rationale: z.string(),
    source: z.string().nullable(),
    low: finite.optional(),
    high: finite.optional(),
  })
  .strict();

/** The wire form of {@link ScenarioContext}: the same fields, with arrays for typed arrays. */
export const scenarioContextWireSchema = z
  .object({
    consortiumName: z.string(),
    baseYear: z.string().regex(/^\d{4}$/),
    years: z.array(z.string().regex(/^\d{4}$/)).min(1),
    members: z
      .array(z.object({ code: z.string(), name: z.string(), lat: finite.nullable(), lon: finite.nullable() }).strict())
      .min(1),
    distances: z.array(count),
    supply: z.array(
      z
        .object({
          code: z.string(),
          laRun: count,
          private: count,
          voluntary: count,
          byYear: z
            .object({ laRun: z.array(count), private: z.array(count), voluntary: z.array(count) })
            .strict()
            .optional(),
        })
        .strict(),
    ),
    supplyPeriod: z.string().nullable(),
    demand: z.array(
      z
        .object({
          code: z.string(),
          p10: z.array(count),
          p50: z.array(count),
          p90: z.array(count),
          samples: z.array(count).nullable(),
        })
        .strict(),
    ),
    consortiumDemand: z.object({ p10: z.array(count), p50: z.array(count), p90: z.array(count) }).strict(),
    simulations: z.number().int().min(0),
    assumptionDraws: z
      .object({
        targetOccupancy: z.array(finite),
        consortiumOpenMarketAccessShare: z.array(finite),
        supplyLaRun: z.array(finite).optional(),
        supplyOpenMarket: z.array(finite).optional(),
      })
      .strict()
      .nullable(),
    seed: finite.optional(),
    needTypeShares: z
      .object({ mainstream: finite.min(0).max(1), soloComplex: finite.min(0).max(1), basis: z.string() })
      .strict()
      .nullable()
      .optional(),
    baseYearChildren: z.array(count),
    prices: z
      .object({
        priceYear: z.string(),
        localAuthority: count,
        private: count,
        voluntary: count,
        blockContract: count,
        fosterInHouse: count,
        fosterAgency: count,
        unmet: count,
      })
      .strict(),
    settings: z
      .object({
        targetOccupancy: finite.gt(0).max(1),
        openMarketAccessShare: finite.min(0).max(1),
        openMarketAccessShareByMember: z.array(finite.min(0).max(1)).optional(),
        laRunOwnShareByMember: z.array(finite.min(0).max(1)).optional(),
        othersReachByMember: z.array(finite.min(0)).optional(),
        consortiumOpenMarketAccessShare: finite.min(0).max(1),
        discountRate: finite.min(0),
        locality: z
          .object({ outsidePremium: finite.min(0), travelPerMileWeekly: count, missingIncidentCost: count })
          .strict(),
        blockFill: finite.gt(0).max(1),
        preventionMaxShare: finite.min(0).max(1),
        stepDownMaxShare: finite.min(0).max(1),
        delivery: z
          .object({
            preventionCostPerChild: count,
            preventionWorkedWithPerEntryPrevented: finite.min(1),
            stepDownCostPerChild: count,
          })
          .strict(),
        weeksPerYear: finite.gt(0),
        meanPlacementYears: finite.gt(0),
        missingRates: z.object({ ownLa: count, outOfArea: count }).strict(),
      })
      .strict(),
    outside: z
      .object({
        nearCapacity: count,
        nearCapacityByMember: z.array(count).optional(),
        nearMiles: count,
        nearMilesByMember: z.array(count),
        farMiles: count,
        farCapacity: count.nullable(),
        meanMiles: count,
      })
      .strict(),
    calibration: looseRecord,
    assumptions: z.array(assumptionSchema),
    warnings: z.array(z.string()),
  })
  .strict()
  .superRefine((c, ctx) => {
    const M = c.members.length;
    const H = c.years.length;
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (c.distances.length !== M * M) problem(['distances'], `Expected ${M * M} distances for ${M} members.`);
    if (c.supply.length !== M) problem(['supply'], `Expected supply for each of the ${M} members.`);
    if (c.demand.length !== M) problem(['demand'], `Expected demand for each of the ${M} members.`);
    if (c.baseYearChildren.length !== M) problem(['baseYearChildren'], `Expected ${M} base-year counts.`);
    if (c.outside.nearMilesByMember.length !== M) problem(['outside', 'nearMilesByMember'], `Expected ${M} values.`);
    if (c.outside.nearCapacityByMember && c.outside.nearCapacityByMember.length !== M)
      problem(['outside', 'nearCapacityByMember'], `Expected ${M} values.`);
    for (const k of ['openMarketAccessShareByMember', 'laRunOwnShareByMember', 'othersReachByMember'] as const)
      if (c.settings[k] && c.settings[k].length !== M) problem(['settings', k], `Expected ${M} values.`);
    c.members.forEach((m, i) => {
      if (c.supply[i] && c.supply[i].code !== m.code) problem(['supply', i, 'code'], `Expected ${m.code}.`);
      if (c.demand[i] && c.demand[i].code !== m.code) problem(['demand', i, 'code'], `Expected ${m.code}.`);
    });
    c.supply.forEach((s, i) => {
      for (const part of ['laRun', 'private', 'voluntary'] as const)
        if (s.byYear && s.byYear[part].length !== H) problem(['supply', i, 'byYear', part], `Expected ${H} years.`);
    });
    c.demand.forEach((d, i) => {
      for (const p of ['p10', 'p50', 'p90'] as const)
        if (d[p].length !== H) problem(['demand', i, p], `Expected ${H} years.`);
      const expected = c.simulations * H;
      if (d.samples ? d.samples.length !== expected : c.simulations > 0)
        problem(['demand', i, 'samples'], `Expected ${expected} simulated values (${c.simulations} × ${H} years).`);
    });
    for (const p of ['p10', 'p50', 'p90'] as const)
      if (c.consortiumDemand[p].length !== H) problem(['consortiumDemand', p], `Expected ${H} years.`);
    if (c.assumptionDraws) {
      for (const k of ['targetOccupancy', 'consortiumOpenMarketAccessShare'] as const)
        if (c.assumptionDraws[k].length !== c.simulations)
          problem(['assumptionDraws', k], `Expected ${c.simulations} draws, one per simulation.`);
      for (const k of ['supplyLaRun', 'supplyOpenMarket'] as const) {
        const d = c.assumptionDraws[k];
        if (d && d.length !== c.simulations * H)
          problem(
            ['assumptionDraws', k],
            `Expected ${c.simulations * H} supply draws (${c.simulations} × ${H} years).`,
          );
      }
      if (c.assumptionDraws.targetOccupancy.some((x) => x <= 0 || x > 1))
        problem(['assumptionDraws', 'targetOccupancy'], 'Occupancy draws must be above 0 and at most 1.');
    }
  });

export type ScenarioContextWire = z.infer<typeof scenarioContextWireSchema>;

/** The context with plain arrays in place of typed ones, ready for JSON or `postMessage`. */
export function toWireContext(context: ScenarioContext): ScenarioContextWire {
  return {
    ...context,
    distances: Array.from(context.distances),
    demand: context.demand.map((d) => ({ ...d, samples: d.samples ? Array.from(d.samples) : null })),
    calibration: { ...context.calibration },
  };
}

export type WireContextResult = { ok: true; context: ScenarioContext } | { ok: false; issues: string[] };

/** Checks a context that arrived over a boundary and rebuilds its typed arrays. */
export function fromWireContext(value: unknown): WireContextResult {
  const parsed = scenarioContextWireSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(context)'}: ${i.message}`),
    };
  }
  const wire = parsed.data;
  return {
    ok: true,
    context: {
      ...wire,
      distances: Float64Array.from(wire.distances),
      demand: wire.demand.map((d) => ({ ...d, samples: d.samples ? Float64Array.from(d.samples) : null })),
      calibration: wire.calibration as unknown as ScenarioContext['calibration'],
    },
  };
}
