/**
 * Each member authority's share of its own open market (private and voluntary children's home
 * places located in it) that its own children can count on, estimated from the figures the plan
 * holds, with its source and range; and each member's published locality split, the targets the
 * scenario baseline is calibrated to (../scenario/context/).
 *
 * **Locality targets (children in secure and children's homes, base year).**
 * - Inside the authority's boundary: from the plan's placement flows where they cover the member
 *   (own-authority children ÷ all its children at the flows' snapshot, imported or modelled from the
 *   published figures by ../allocate/placementFlows/); otherwise from DfE's published share of ALL
 *   the member's looked-after children placed inside its boundary, moved to children's homes on the
 *   log-odds scale by England's own difference (children's homes 2,790 of 8,650 inside, DfE 2024,
 *   against all looked-after children in England: 1 − 37,520 ÷ 83,630 in 2024, or the plan's England
 *   figures for the year) — one shift for every authority, so a target does not depend on which
 *   other authorities the plan holds. (The flow model's shift instead makes the children-weighted
 *   mean of all authorities equal England's; for authorities with low published shares it moves
 *   them much further: a member with 8% of its looked-after children 20+ miles away goes to about
 *   46%, against about 23% here, and a 2013 study found 18% for one such council's homes.)
 * - More than 20 miles from home: DfE's published share for all looked-after children moved the same
 *   way (England's children's homes: 4,220 of 8,640, against 18,020 of 83,630 looked-after children).
 * - Range of the inside share: the lowest and highest of the member's own published shares, so moved,
 *   in the years the plan holds (up to five), about the latest, widened to at least ±5 percentage
 *   points for the move from all placements to children's homes.
 *
 * **Estimator.** Children's homes run by the authority take its own children first (the model's
 * rule), so of the member's own children placed inside its boundary (inside share × base-year
 * children in homes) those LA-run places cannot hold at the target occupancy must be in the open
 * market inside it:
 *
 *   share = (inside children ÷ occupancy − LA-run places) ÷ open-market places
 *
 * at the Ofsted snapshot, bounded to 0–1. Divided by occupancy because accessible places are
 * compared with beds needed (children ÷ occupancy): at this share the member's own children placed
 * inside its boundary exactly fill the places the model lets them count on, so the scenario baseline
 * places the published share inside by construction. Its range is the estimator at the inside
 * share's range. It generalises the national figure: 1,790 children in private and voluntary homes
 * inside their own authority on 31 March 2024 (DfE) against 8,559 private and voluntary places
 * (Ofsted, 31 March 2023) is 21% of places filled by own children, 21% ÷ occupancy as accessible
 * places (24.6% at 85%).
 *
 * **Fallback.** A member without base-year children in homes, without a locality figure or without
 * open-market places takes the national figure (21% ÷ occupancy, range 15–35% ÷ occupancy), and its
 * entry says why. A single share set in the plan's assumption register (or by the caller) replaces
 * every estimate, and the entries say so.
 *
 * Over 400 lines because: one estimator with the locality targets it is derived from, both
 * described in this comment (a quarter of the file) and sharing the published figures and their
 * index; split, neither half would read on its own.
 */
import { ENGLAND_CHILDRENS_HOMES_SHARES_2024 } from '../allocate/placementFlows/index.js';
import type { Observation, Source } from '../model/dataset.js';
import type { PlanData } from '../model/summarise.js';
import { placedWhereByMember } from './basePosition.js';
import { Rng } from '../random/lcg.js';
import type { AreaSupply, ForecastAssumption } from './types.js';

/** England: own children in private and voluntary homes inside their authority (DfE, 31 March 2024). */
export const NATIONAL_OWN_CHILDREN_IN_OPEN_MARKET_INSIDE = 1_790;
/** England: private and voluntary children's home places (Ofsted, 31 March 2023). */
export const NATIONAL_OPEN_MARKET_PLACES = 8_559;
/** Places filled by an authority's own children, England: 1,790 ÷ 8,559 ≈ 21%. */
export const NATIONAL_OWN_FILL_SHARE = NATIONAL_OWN_CHILDREN_IN_OPEN_MARKET_INSIDE / NATIONAL_OPEN_MARKET_PLACES;
/** The national range of that fill share (authorities differ). */
const NATIONAL_FILL_RANGE = { low: 0.15, high: 0.35 } as const;
/** The least half-width of a member's inside-share range (moving all placements to children's homes). */
const MIN_INSIDE_HALF_WIDTH = 0.05;
/** Years of published shares a member's range looks back over. */
const RANGE_YEARS = 5;

/** One locality share of a member's children in homes, with where it comes from. */
export interface LocalityShare {
  share: number;
  /** Snapshot year (31 March). */
  period: string;
  /** 'flows': the plan's placement flows; 'published': DfE's all-placement share moved to children's homes. */
  basis: 'flows' | 'published';
  /** File, table and year, in words. */
  source: string;
}

/** What the plan holds about one member's locality, before places and occupancy are applied. */
export interface MemberAccessEvidence {
  code: string;
  name: string;
  /** Base year (31 March) of the children counted. */
  year: string;
  /** Children in secure and children's homes in the base year (DfE); null when not published. */
  childrenInHomes: number | null;
  /** Share of them placed inside the member's boundary; null without a figure. */
  inside: (LocalityShare & { low: number; high: number; rangeBasis: string }) | null;
  /** Share placed more than 20 miles from home; null without a figure. */
  over20Miles: LocalityShare | null;
}

/** A member's own open-market access share as the projection uses it. */
export interface MemberAccessShare extends MemberAccessEvidence {
  share: number;
  low: number;
  high: number;
  /** 'estimated' from the member's figures; 'national' fallback; 'set' by the register or caller. */
  basis: 'estimated' | 'national' | 'set';
  /** LA-run and open-market (private and voluntary) places at the supply snapshot used. */
  laRunPlaces: number;
  openMarketPlaces: number;
  supplyPeriod: string | null;
  /** The estimate in one or two sentences, with its figures. */
  explanation: string;
  /** Where the figures come from (files, tables, years). */
  source: string;
  /** Why the published inside share cannot be reproduced by this share alone; null when it can. */
  limit: string | null;
}

const logit = (p: number): number => {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
};
const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

function sourceText(sources: readonly Source[], ids: readonly string[], period: string): string {
  const parts = [...new Set(ids)].map((id) => {
    const s = sources.find((x) => x.id === id);
    return s ? `${s.publisher}, ${s.file} (${s.table.split(':')[0] ?? s.table})` : id;
  });
  return `${parts.join('; ')}, ${period}`;
}

interface Published {
  value: (area: string, measure: string, period: string) => Observation | undefined;
  readonly periods: readonly string[];
}

/**
 * The index of each observations list read, by the list: the plan's figures, read once, keep their
 * identity across assumption changes (electron/services/projectionService.ts), and indexing every
 * authority's figures is most of what working out the access evidence takes. The lists are not
 * changed once read; the length is checked as well.
 */
const publishedIndexes = new WeakMap<readonly Observation[], { length: number; published: Published }>();

function published(observations: readonly Observation[]): Published {
  const known = publishedIndexes.get(observations);
  if (known?.length === observations.length) return known.published;
  const made = indexPublished(observations);
  publishedIndexes.set(observations, { length: observations.length, published: made });
  return made;
}

function indexPublished(observations: readonly Observation[]): Published {
  const index = new Map<string, Observation>();
  const periods = new Set<string>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value) || !/^\d{4}$/.test(o.period)) continue;
    index.set(`${o.area}|${o.measure}|${o.period}`, o);
    periods.add(o.period);
  }
  return { value: (a, m, p) => index.get(`${a}|${m}|${p}`), periods: [...periods].sort() };
}

/**
 * England, 31 March 2024, all looked-after children (DfE): 83,630, of whom 37,520 were placed outside
 * their authority's boundary and 18,020 more than 20 miles from home. Used where the plan holds no
 * England figures for the year.
 */
export const ENGLAND_ALL_PLACEMENTS_2024 = { childrenLookedAfter: 83_630, outside: 37_520, over20Miles: 18_020 };
export const ENGLAND_CODE = 'E92000001';

/** The log-odds shifts from all placements to children's homes in one year: England's own difference. */
function childrensHomesShifts(pub: Published, period: string): { inside: number; over20Miles: number } {
  const homes = ENGLAND_CHILDRENS_HOMES_SHARES_2024;
  const cla = pub.value(ENGLAND_CODE, 'childrenLookedAfter', period)?.value;
  const outside = pub.value(ENGLAND_CODE, 'placedOutsideLaBoundary', period)?.value;
  const far = pub.value(ENGLAND_CODE, 'placedOver20Miles', period)?.value;
  const e =
    cla && outside !== undefined && outside !== null && far !== undefined && far !== null
      ? { childrenLookedAfter: cla, outside, over20Miles: far }
      : ENGLAND_ALL_PLACEMENTS_2024;
  return {
    inside: logit(homes.insideLaBoundary) - logit(1 - e.outside / e.childrenLookedAfter),
    over20Miles: logit(homes.over20Miles) - logit(e.over20Miles / e.childrenLookedAfter),
  };
}

/**
 * A member's children's-homes shares (inside the boundary, more than 20 miles) in one year: its
 * published all-placement shares moved on the log-odds scale by England's own difference.
 */
function movedShares(pub: Published, code: string, period: string): { inside: number | null; over20: number | null } {
  const cla = pub.value(code, 'childrenLookedAfter', period)?.value;
  if (!cla || !(cla > 0)) return { inside: null, over20: null };
  const outside = pub.value(code, 'placedOutsideLaBoundary', period)?.value;
  const far = pub.value(code, 'placedOver20Miles', period)?.value;
  const shift = childrensHomesShifts(pub, period);
  return {
    inside:
      outside === undefined || outside === null ? null : logistic(logit(clamp01((cla - outside) / cla)) + shift.inside),
    over20: far === undefined || far === null ? null : logistic(logit(clamp01(far / cla)) + shift.over20Miles),
  };
}

/**
 * Each member's locality evidence at the base year (see the file comment). `members` in any order;
 * the result follows it.
 */
export function accessEvidenceFromPlan(
  data: Pick<PlanData, 'areas' | 'observations' | 'flows' | 'sources'>,
  members: readonly { code: string; name: string }[],
  baseYear: string,
): MemberAccessEvidence[] {
  const pub = published(data.observations);
  const years = pub.periods.filter((p) => p <= baseYear).slice(-RANGE_YEARS);
  const flows = placedWhereByMember(
    data.flows,
    members.map((m) => m.code),
    baseYear,
  );
  const characteristicsSource = (code: string, measure: string, period: string) =>
    sourceText(data.sources, [pub.value(code, measure, period)?.source ?? 'DfE'], period);

  return members.map((m) => {
    const children = pub.value(m.code, 'childrenInChildrensHomes', baseYear)?.value ?? null;
    const moved = new Map(years.map((p) => [p, movedShares(pub, m.code, p)] as const));
    const insideYears = years.filter((p) => (moved.get(p)?.inside ?? null) !== null);
    const latestInside = insideYears.at(-1);
    const latestValue = latestInside === undefined ? undefined : (moved.get(latestInside)?.inside ?? undefined);
    // How the member's (moved) published share has varied about its latest value.
    const deltas = insideYears.map((p) => (moved.get(p)?.inside ?? 0) - (latestValue ?? 0));
    let inside: MemberAccessEvidence['inside'] = null;
    const flow = flows.get(m.code);
    const flowTotal = flow ? flow.ownLa + flow.elsewhereInConsortium + flow.outside : 0;
    let base: LocalityShare | null = null;
    if (flow && flowTotal > 0) {
      base = {
        share: flow.ownLa / flowTotal,
        period: flow.period,
        basis: 'flows',
        source: `the plan’s placement flows (${sourceText(data.sources, flow.sources, flow.period)})`,
      };
    } else if (latestInside !== undefined && latestValue !== undefined) {
      base = {
        share: latestValue,
        period: latestInside,
        basis: 'published',
        source: characteristicsSource(m.code, 'placedOutsideLaBoundary', latestInside),
      };
    }
    if (base) {
      const down = Math.min(-MIN_INSIDE_HALF_WIDTH, ...deltas);
      const up = Math.max(MIN_INSIDE_HALF_WIDTH, ...deltas);
      const span = insideYears.length > 1 ? `${insideYears[0]}–${insideYears.at(-1)}` : null;
      inside = {
        ...base,
        low: clamp01(base.share + down),
        high: clamp01(base.share + up),
        rangeBasis: span
          ? `its published in-boundary share moved to children’s homes ranged ${pct(-down)} below to ${pct(up)} above the latest in ${span} (at least ±5 points)`
          : '±5 points for moving the all-placement share to children’s homes (one year held)',
      };
    }
    const over20Year = years.filter((p) => (moved.get(p)?.over20 ?? null) !== null).at(-1);
    const over20Miles: LocalityShare | null =
      over20Year === undefined
        ? null
        : {
            share: moved.get(over20Year)?.over20 ?? 0,
            period: over20Year,
            basis: 'published',
            source: characteristicsSource(m.code, 'placedOver20Miles', over20Year),
          };
    return { code: m.code, name: m.name, year: baseYear, childrenInHomes: children, inside, over20Miles };
  });
}

/** The share at an inside share: (inside children ÷ occupancy − LA-run) ÷ open market, unbounded. */
const rawShare = (inside: number, children: number, occupancy: number, laRun: number, open: number): number =>
  (inside * children) / occupancy / open - laRun / open;

/** The national fallback at an occupancy: 21% of places filled by own children, as places. */
export const nationalOwnAccessShare = (occupancy: number): number => clamp01(NATIONAL_OWN_FILL_SHARE / occupancy);

/**
 * Each member's share at the projection's occupancy and the supply snapshot (see the file comment).
 * `single`: a share set for every member (the register's or the caller's), which replaces the estimates.
 */
export function memberAccessShares(
  evidence: readonly MemberAccessEvidence[],
  supplyOf: (code: string) => AreaSupply | undefined,
  occupancy: number,
  single: number | null,
  /** Multiplies every share and its range, bounded to 1 (sensitivity runs). */
  factor = 1,
): MemberAccessShare[] {
  if (factor !== 1) {
    return memberAccessShares(evidence, supplyOf, occupancy, single).map((a) => ({
      ...a,
      share: clamp01(a.share * factor),
      low: clamp01(a.low * factor),
      high: clamp01(a.high * factor),
      explanation: `${a.explanation} Multiplied by ${factor} for a sensitivity run.`,
    }));
  }
  const national = nationalOwnAccessShare(occupancy);
  const nationalLow = clamp01(NATIONAL_FILL_RANGE.low / occupancy);
  const nationalHigh = clamp01(NATIONAL_FILL_RANGE.high / occupancy);
  const occ = pct(occupancy);
  return evidence.map((e) => {
    const supply = supplyOf(e.code);
    const laRun = supply?.laRunPlaces ?? 0;
    const open = Math.max(0, (supply?.registeredPlaces ?? 0) - laRun);
    const common = {
      ...e,
      laRunPlaces: laRun,
      openMarketPlaces: open,
      supplyPeriod: supply?.period ?? null,
    };
    const places = `${laRun} LA-run and ${open} private and voluntary places (Ofsted, ${supply?.period ?? 'no snapshot'})`;
    if (single !== null) {
      return {
        ...common,
        share: single,
        low: Math.min(single, nationalLow),
        high: Math.max(single, nationalHigh),
        basis: 'set' as const,
        explanation: `One share, ${pct(single)}, is set for every member (the plan’s assumption register or the caller), replacing the estimate from ${e.name}’s own figures.`,
        source: 'The plan’s assumption register (openMarketAccessShare).',
        limit: null,
      };
    }
    const fallback = (why: string): MemberAccessShare => ({
      ...common,
      share: national,
      low: Math.min(national, nationalLow),
      high: Math.max(national, nationalHigh),
      basis: 'national',
      explanation: `${why} So the national figure is used: 1,790 own children in private and voluntary homes inside their authority (DfE, 31 March 2024) ÷ 8,559 such places (Ofsted, 31 March 2023) = ${pct(NATIONAL_OWN_FILL_SHARE)} of places, ÷ ${occ} occupancy = ${pct(national)}; range 15–35% ÷ occupancy.`,
      source:
        'DfE, national CLA on 31 March by placement provider, placement type and locality, 2024; Ofsted, Children’s social care data in England, providers and places, 31 March 2023.',
      limit: null,
    });
    if (e.childrenInHomes === null || !(e.childrenInHomes > 0))
      return fallback(`${e.name} has no published children in homes for ${e.year}.`);
    if (!e.inside) return fallback(`${e.name} has no published share placed inside its boundary.`);
    if (!(open > 0)) return fallback(`${e.name} has no private or voluntary places, so the share changes nothing.`);
    const children = e.childrenInHomes;
    const insideChildren = e.inside.share * children;
    const raw = rawShare(e.inside.share, children, occupancy, laRun, open);
    const share = clamp01(raw);
    const atLow = clamp01(rawShare(e.inside.low, children, occupancy, laRun, open));
    const atHigh = clamp01(rawShare(e.inside.high, children, occupancy, laRun, open));
    let limit: string | null = null;
    const laRunNote =
      raw < 0
        ? ` Its ${laRun} LA-run places alone hold more than its ${insideChildren.toFixed(1)} children placed inside at ${occ} occupancy, so none of its open market is needed; the scenarios’ calibration opens the LA-run places its own children do not fill to other members’ children.`
        : '';
    if (raw > 1) {
      limit = `its ${insideChildren.toFixed(0)} children placed inside need more places at ${occ} occupancy than its ${laRun + open} places, so fewer are modelled inside than published`;
    }
    return {
      ...common,
      share,
      low: Math.min(share, atLow),
      high: Math.max(share, atHigh),
      basis: 'estimated',
      explanation: `${pct(e.inside.share)} of ${e.name}’s ${children} children in homes were placed inside its boundary (${e.inside.basis === 'flows' ? 'placement flows' : 'published, moved to children’s homes'}, ${e.inside.period}): ${insideChildren.toFixed(1)} children ÷ ${occ} occupancy = ${(insideChildren / occupancy).toFixed(1)} places, less ${laRun} LA-run places, ÷ ${open} private and voluntary places = ${pct(raw)}${raw === share ? '' : `, bounded to ${pct(share)}`}. Range ${pct(Math.min(share, atLow))}–${pct(Math.max(share, atHigh))}: ${e.inside.rangeBasis}.${laRunNote}`,
      source: `${e.inside.source}; DfE children in secure and children’s homes, ${e.year}; ${places}.`,
      limit,
    };
  });
}

/** The register entries for the members' shares (one per member), for the projection's assumptions. */
export function accessShareAssumptions(shares: readonly MemberAccessShare[]): ForecastAssumption[] {
  return shares.map((s) => ({
    key: `openMarketAccessShare.${s.code}`,
    label: `Open-market places in ${s.name} its own children can count on`,
    value: Math.round(s.share * 10_000) / 10_000,
    unit: 'share of places',
    rationale: `${s.basis === 'estimated' ? 'Estimated from published figures' : s.basis === 'national' ? 'National figure' : 'Set for every member'}: ${s.explanation}${s.limit ? ` Cannot reproduce the published inside share: ${s.limit}.` : ''}`,
    source: s.source,
  }));
}

/** The stream's seed, apart from the demand simulations' and the other assumptions' own. */
const MEMBER_DRAW_SEED_OFFSET = 0x85ebca6b;

/**
 * S draws of each member's share, triangular between its low and high peaked at its share, each
 * member from the same seeded stream in the order given (independent of each other and of demand).
 */
export function drawMemberAccessShares(
  shares: readonly Pick<MemberAccessShare, 'code' | 'share' | 'low' | 'high'>[],
  simulations: number,
  seed: number,
): Map<string, Float64Array> {
  const rng = new Rng((seed ^ MEMBER_DRAW_SEED_OFFSET) >>> 0);
  const out = new Map<string, Float64Array>();
  for (const s of shares) {
    const draws = new Float64Array(simulations);
    const { low, share: mode, high } = s;
    for (let k = 0; k < simulations; k++) {
      const u = rng.uniform();
      if (!(high > low)) {
        draws[k] = mode;
        continue;
      }
      const f = (mode - low) / (high - low);
      draws[k] =
        u < f
          ? low + Math.sqrt(u * (high - low) * (mode - low))
          : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
    }
    out.set(s.code, draws);
  }
  return out;
}
