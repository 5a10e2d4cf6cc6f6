/**
 * The default projection: the method the national backtest chose (./national/), started from each
 * member's last observed number, with intervals calibrated on the backtest's own out-of-sample
 * errors.
 *
 * **Evidence.** The panel is every authority in the plan (`inputs.national`, built from the plan's
 * figures for all of England), or the members alone when the inputs carry no panel. The backtest
 * uses only years up to the projection's origin, so a backtest of this method (./backtest.ts) never
 * sees the years it is judged on.
 *
 * **Pooling.** Members' trends are pooled towards the consortium's mean trend and, through it,
 * England's; other authorities' towards their region's. The strength is estimated from the panel.
 *
 * **Uncertainty.** Each member's log error at horizon h is drawn as centre + sd × (√ρ Z_common +
 * √(1 − ρ) Z_own), with centre and sd from the calibrated standardised-error quantiles (so a member's
 * simulated P10–P90 matches its calibrated interval). ρ_h is set for this consortium so that its
 * total's log variance, (1 − ρ) Σ f_i² s_i² ÷ F² + ρ (Σ f_i s_i ÷ F)², equals its members'
 * independent part plus the common variance calibrated on summed groups in the backtest (regions
 * and random groups of 5–15 authorities, ./national/): the consortium total's spread is the
 * calibrated one, not the sum of independent ones. Where even ρ = 1 falls short (one member, or
 * a few of like size), the total keeps the fully correlated spread. Each Z is a random walk over the years, divided by √h: one simulation is one coherent path,
 * as scenarios need. Beyond the backtested horizons the variance grows in proportion to the horizon.
 * With `simulations: 0` the same distribution is given analytically.
 */
import { CANDIDATES, candidateLabels, LOG_OFFSET, type CandidateId } from './candidates.js';
import { CONSORTIUM_CODE } from './beds/index.js';
import type { AnalyticDemand, AreaDemand, DemandProjection } from './demand.js';
import {
  calibrationAt,
  candidatePath,
  correlationFor,
  fitOrigin,
  logSpread,
  nationalBacktest,
  windowAt,
  type NationalBacktestResult,
  type NationalPanel,
  type PanelArea,
} from './national/index.js';
import { projectionYears } from './rate/index.js';
import { Rng } from '../random/lcg.js';
import { Z90 } from './stats.js';
import type { ForecastSettings, MethodSelection, ProjectionInputs, RateModelSummary } from './types.js';

/** A panel from the inputs' own member LAs (when the plan has no national figures). */
export function panelFromInputs(inputs: ProjectionInputs): NationalPanel {
  const years = new Set<number>();
  const areas: PanelArea[] = inputs.areas.map((a) => {
    for (const d of a.demand) years.add(Number(d.year));
    return {
      code: a.code,
      name: a.name,
      group: CONSORTIUM_CODE,
      values: new Map(a.demand.map((d) => [Number(d.year), d.value])),
      population: new Map(a.population.map((p) => [Number(p.year), p.value])),
    };
  });
  return { series: 'childrenInChildrensHomes', areas, years: [...years].sort((a, b) => a - b) };
}

const truncated = new WeakMap<NationalPanel, Map<number, NationalPanel>>();

/** The panel as it stood at an origin: observations after it removed (population kept: it is exogenous). */
export function panelUpTo(panel: NationalPanel, year: number): NationalPanel {
  if ((panel.years[panel.years.length - 1] ?? 0) <= year) return panel;
  const hit = truncated.get(panel)?.get(year);
  if (hit) return hit;
  const out: NationalPanel = {
    series: panel.series,
    years: panel.years.filter((y) => y <= year),
    areas: panel.areas.map((a) => ({ ...a, values: new Map([...a.values].filter(([y]) => y <= year)) })),
  };
  const map = truncated.get(panel) ?? new Map<number, NationalPanel>();
  map.set(year, out);
  truncated.set(panel, map);
  return out;
}

const inputPanels = new WeakMap<ProjectionInputs, NationalPanel>();

/** The evidence for a projection from `upToYear`: the national backtest on the panel up to then. */
export function selectionEvidence(
  inputs: ProjectionInputs,
  upToYear = Number(inputs.baseYear),
): NationalBacktestResult {
  let panel = inputs.national;
  if (!panel) {
    panel = inputPanels.get(inputs) ?? panelFromInputs(inputs);
    inputPanels.set(inputs, panel);
  }
  return nationalBacktest(panelUpTo(panel, upToYear));
}

const growth = (logTrend: number): number => Math.exp(logTrend) - 1;

export interface SelectedOptions {
  upToYear?: number;
  years?: string[];
  /** Force a candidate instead of the evidence's choice. */
  candidate?: CandidateId;
  /** φ set by the user (plan or options): overrides the estimated damping. */
  trendDamping?: number;
}

/** The last demand projectSelectedCached worked out, by everything it depends on (see there). */
let lastDemand: { key: string; national: NationalPanel | undefined; demand: DemandProjection } | null = null;

/**
 * projectSelected, reusing the last result while nothing it reads has changed: an assumption that
 * acts on beds, places or the gap only (the target occupancy, say) leaves the members' demand, its
 * simulations and the method's evidence as they were. It reads the settings' horizon, simulations and
 * seed, the options, the base year, the members' figures and the national panel, which is compared by
 * identity (the host keeps an unchanged panel's); the members are in the key whole, less their supply.
 * Each call gets its own copy, so a caller that changes the result cannot change the next one.
 */
export function projectSelectedCached(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  options: SelectedOptions = {},
): DemandProjection {
  const key = JSON.stringify([
    settings.horizonYears,
    settings.simulations,
    settings.seed,
    options.upToYear ?? null,
    options.years ?? null,
    options.candidate ?? null,
    options.trendDamping ?? null,
    inputs.baseYear,
    inputs.areas.map(({ supply: _supply, ...area }) => area),
  ]);
  if (!inputs.national || lastDemand?.key !== key || lastDemand.national !== inputs.national) {
    lastDemand = { key, national: inputs.national, demand: projectSelected(inputs, settings, options) };
  }
  return copyOf(lastDemand.demand);
}

/** A deep copy of plain data: objects, arrays and typed arrays (what a demand projection holds). */
function copyOf<T>(value: T): T {
  if (ArrayBuffer.isView(value)) return (value as unknown as Float64Array).slice() as T;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)])) as T;
  }
  return value;
}

/** Projects members' demand with the selected (or a given) candidate and calibrated uncertainty. */
export function projectSelected(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  options: SelectedOptions = {},
): DemandProjection {
  const upToYear = options.upToYear ?? Number(inputs.baseYear);
  const years = options.years ?? projectionYears(String(upToYear), settings.horizonYears);
  const evidence = selectionEvidence(inputs, upToYear);
  const used = options.candidate ?? evidence.chosen;
  if (!CANDIDATES.includes(used)) throw new Error(`Unknown candidate method "${String(used)}".`);
  const calibration = evidence.candidates.find((c) => c.method === used)?.calibration ?? evidence.calibration;
  const H = years.length;
  const warnings: string[] = [];

  // Windows: every panel authority at the origin, members pooled towards the consortium.
  const memberCodes = new Set(inputs.areas.map((a) => a.code));
  const panel = inputs.national ?? panelFromInputs(inputs);
  const windows = panel.areas.flatMap((a) => {
    const w = windowAt(a, upToYear, memberCodes.has(a.code) ? CONSORTIUM_CODE : a.group);
    return w && !memberCodes.has(a.code) ? [w] : [];
  });
  const members = inputs.areas.flatMap((a) => {
    const values = new Map(a.demand.filter((d) => Number(d.year) <= upToYear).map((d) => [Number(d.year), d.value]));
    const last = [...values.keys()].sort((x, y) => x - y).at(-1);
    if (last === undefined) {
      warnings.push(`${a.name} has no figures to ${upToYear} and is left out of the projection.`);
      return [];
    }
    const area: PanelArea = {
      code: a.code,
      name: a.name,
      group: CONSORTIUM_CODE,
      values,
      population: new Map(a.population.map((p) => [Number(p.year), p.value])),
    };
    const w = windowAt(area, last);
    return w ? [{ input: a, area, window: w, last }] : [];
  });
  if (members.length === 0)
    throw new Error(`No member authority has figures for children in children’s homes to ${upToYear}.`);
  const fit = fitOrigin([...windows, ...members.map((m) => m.window)], upToYear);
  if (options.trendDamping !== undefined) {
    fit.smoothing.count = { ...fit.smoothing.count, phi: options.trendDamping };
    fit.smoothing.rate = { ...fit.smoothing.rate, phi: options.trendDamping };
  }

  const centres: Float64Array[] = [];
  const sds: Float64Array[] = [];
  const points: Float64Array[] = [];
  const rho = new Float64Array(H);
  const areas: AreaDemand[] = members.map((m, i) => {
    const offset = upToYear - m.last; // a member whose last figure is older forecasts further ahead
    const path = candidatePath(fit, windows.length + i, used, H + offset, (y) => m.area.population.get(y));
    const point = path.points.slice(offset, offset + H);
    const centre = new Float64Array(H);
    const sd = new Float64Array(H);
    const population = new Float64Array(H);
    const pop = new Map(m.input.population.map((p) => [p.year, p.value]));
    years.forEach((year, h) => {
      const cal = calibrationAt(calibration, h + 1 + offset);
      const spread = cal ? logSpread(cal, point[h] ?? 0) : { centre: 0, sd: 0 };
      centre[h] = spread.centre;
      sd[h] = spread.sd;
      population[h] = pop.get(year) ?? NaN;
    });
    centres.push(centre);
    sds.push(sd);
    points.push(point);
    const lastPop = m.area.population.get(m.last);
    const lastValue = m.window.values[m.window.values.length - 1] ?? 0;
    const model: RateModelSummary = {
      kind: 'rate',
      years: m.window.values.length,
      ratePer10k: lastPop ? (lastValue / lastPop) * 10_000 : NaN,
      ownTrend: growth(path.ownTrend),
      consortiumTrend: growth(path.poolTarget),
      pooledTrend: growth(path.trend),
      poolingWeight: 1 - path.ownWeight,
      candidate: used,
      damping: path.phi,
      jumpOffYear: String(m.last),
      jumpOffValue: lastValue,
    };
    return {
      code: m.input.code,
      name: m.input.name,
      history: m.input.demand.filter((d) => Number(d.year) <= upToYear),
      population,
      model,
    };
  });

  // The correlation that gives this consortium's total the calibrated common variance.
  for (let h = 0; h < H; h++) {
    let F = 0;
    let sumFs = 0;
    let sumF2s2 = 0;
    points.forEach((p, i) => {
      const f = (p[h] ?? 0) + LOG_OFFSET;
      const s = sds[i]?.[h] ?? 0;
      F += f;
      sumFs += f * s;
      sumF2s2 += f * f * s * s;
    });
    const common = calibrationAt(calibration, h + 1)?.commonVariance ?? 0;
    rho[h] = F > 0 ? correlationFor(sumF2s2 / (F * F), (sumFs / F) ** 2, common) : 0;
  }

  const selection: MethodSelection = { ...evidence, used, usedLabel: candidateLabels[used] };
  const phiText = options.trendDamping !== undefined ? 'set in the plan' : 'estimated on the national panel';
  const result: DemandProjection = {
    method: 'rate',
    baseYear: String(upToYear),
    years,
    simulations: settings.simulations,
    seed: settings.seed,
    areas,
    assumptions: [
      {
        key: 'projectionMethod',
        label: `Projection method: ${candidateLabels[used]}`,
        value: evidence.candidates.find((c) => c.method === used)?.meanMaseVsLastValue ?? 1,
        unit: 'MASE relative to last value (national backtest, mean over horizons)',
        rationale: `${options.candidate ? 'Chosen by the user. ' : ''}${evidence.reason} Every projection starts from each authority’s last observed number. ${evidence.scoreBasis}`,
        source: null,
      },
      {
        key: 'intervalCalibration',
        label: 'Ranges calibrated on the national backtest',
        value: 0.8,
        unit: 'nominal coverage of P10–P90',
        rationale: `P10–P90 ranges come from the errors the same method made in the national backtest (${evidence.origins.length} origins, ${evidence.areas} authorities), measured leave-one-origin-out; members’ errors are correlated so that the consortium total’s range matches the errors of summed groups (regions and random groups of 5–15 authorities) in the same backtest (ρ ${[...rho.slice(0, calibration.length)].map((r) => r.toFixed(2)).join(' / ')} at 1–${Math.min(calibration.length, H)} years for this consortium). Beyond ${calibration.length} years the variance is assumed to grow in proportion to the horizon.`,
        source: null,
      },
      {
        key: 'trendDamping',
        label: 'Trend damping (φ)',
        value: fit.smoothing.rate.phi,
        unit: 'share of trend kept each year',
        rationale: `Year k ahead adds φᵏ of the trend; φ ${phiText} (in-sample one-step errors up to ${upToYear}).`,
        source: null,
      },
    ],
    warnings,
    selection,
  };
  if (settings.simulations === 0) analytic(result, points, centres, sds, rho);
  else simulate(result, settings, points, centres, sds, rho);
  return result;
}

function analytic(
  result: DemandProjection,
  points: Float64Array[],
  centres: Float64Array[],
  sds: Float64Array[],
  rho: Float64Array,
): void {
  const H = result.years.length;
  const total = new Float64Array(H);
  const sumFc = new Float64Array(H);
  const sumFs = new Float64Array(H);
  const sumF2s2 = new Float64Array(H);
  result.areas.forEach((a, i) => {
    const median = new Float64Array(H);
    const mean = new Float64Array(H);
    const logSd = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      const f = (points[i]?.[h] ?? 0) + LOG_OFFSET;
      const c = centres[i]?.[h] ?? 0;
      const s = sds[i]?.[h] ?? 0;
      median[h] = Math.max(0, f * Math.exp(c) - LOG_OFFSET);
      mean[h] = Math.max(0, f * Math.exp(c + (s * s) / 2) - LOG_OFFSET);
      logSd[h] = s;
      total[h] = (total[h] ?? 0) + f;
      sumFc[h] = (sumFc[h] ?? 0) + f * c;
      sumFs[h] = (sumFs[h] ?? 0) + f * s;
      sumF2s2[h] = (sumF2s2[h] ?? 0) + f * f * s * s;
    }
    a.analytic = { median, mean, logSd, q: Z90 };
  });
  const consortium: AnalyticDemand = {
    median: new Float64Array(H),
    mean: new Float64Array(H),
    logSd: new Float64Array(H),
    q: Z90,
  };
  for (let h = 0; h < H; h++) {
    const F = total[h] ?? 0;
    if (F <= 0) continue;
    const r = rho[h] ?? 0;
    const v = (1 - r) * ((sumF2s2[h] ?? 0) / (F * F)) + r * ((sumFs[h] ?? 0) / F) ** 2;
    const c = (sumFc[h] ?? 0) / F;
    const offset = LOG_OFFSET * result.areas.length;
    consortium.median[h] = Math.max(0, F * Math.exp(c) - offset);
    consortium.mean[h] = Math.max(0, F * Math.exp(c + v / 2) - offset);
    consortium.logSd[h] = Math.sqrt(v);
  }
  result.consortiumAnalytic = consortium;
}

function simulate(
  result: DemandProjection,
  settings: ForecastSettings,
  points: Float64Array[],
  centres: Float64Array[],
  sds: Float64Array[],
  rho: Float64Array,
): void {
  const H = result.years.length;
  const S = settings.simulations;
  const L = result.areas.length;
  const rng = new Rng(settings.seed);
  const samples = result.areas.map(() => new Float64Array(H * S));
  const own = new Float64Array(L);
  const sqrtRho = Float64Array.from(rho, (r) => Math.sqrt(r));
  const sqrtOne = Float64Array.from(rho, (r) => Math.sqrt(1 - r));
  for (let s = 0; s < S; s++) {
    own.fill(0);
    let common = 0;
    for (let h = 0; h < H; h++) {
      common += rng.normal();
      const scale = 1 / Math.sqrt(h + 1);
      const zc = common * scale;
      for (let i = 0; i < L; i++) {
        own[i] = (own[i] ?? 0) + rng.normal();
        const z = (sqrtRho[h] ?? 0) * zc + (sqrtOne[h] ?? 1) * (own[i] ?? 0) * scale;
        const f = (points[i]?.[h] ?? 0) + LOG_OFFSET;
        const e = (centres[i]?.[h] ?? 0) + (sds[i]?.[h] ?? 0) * z;
        const out = samples[i];
        if (out) out[h * S + s] = Math.max(0, f * Math.exp(e) - LOG_OFFSET);
      }
    }
  }
  result.areas.forEach((a, i) => {
    const x = samples[i];
    if (x) a.samples = x;
  });
}
