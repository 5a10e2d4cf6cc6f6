/**
 * The backtest anyone can run on a plan (`planner backtest`): the national rolling-origin backtest
 * of shared/forecast run on the plan's own figures — its members, or every authority the plan holds
 * — for one series and period, reported per horizon for the chosen (default) method and for last
 * value, drift and a straight-line (least-squares) trend. History the user imports (older DfE
 * releases, their own series) is in the plan's observations, so it is backtested too.
 */
import { PlannerError } from '#shared/api/errors.js';
import {
  linearTrendForecast,
  nationalBacktest,
  nationalPanelFromPlan,
  type CandidateHorizonScore,
  type NationalPanel,
  type PanelSeries,
} from '#shared/forecast/index.js';
import { coverageScore } from '#shared/forecast/backtest.js';
import { maseScale } from '#shared/forecast/candidates.js';
import { windowAt } from '#shared/forecast/national/index.js';
import { readPlanDataWithPanel } from '../store/planData.js';
import type { PlanService } from './planService.js';
import type {
  BacktestHorizonRow,
  BacktestMethodRows,
  BacktestTotalsRow,
  PlanBacktestReport,
} from '#shared/forecast/planBacktestReport.js';

export interface PlanBacktestOptions {
  /** Every authority the plan holds, not only its members. */
  allEngland: boolean;
  measure: PanelSeries;
  /** Only figures for years ending 31 March from / up to these years are used (history and actuals). */
  from?: number;
  to?: number;
  horizons: number[];
}

export {
  BACKTEST_MEASURES,
  type BacktestHorizonRow,
  type BacktestMethodRows,
  type BacktestTotalsRow,
  type PlanBacktestReport,
} from '#shared/forecast/planBacktestReport.js';

const fromScore = (s: CandidateHorizonScore): BacktestHorizonRow => ({
  h: s.h,
  pairs: s.n,
  mae: s.mae,
  mape: s.mape,
  mase: s.mase,
  bias: s.bias,
  coverage80: s.coverage80,
});

/** The panel restricted to the chosen authorities and years. */
function restrictPanel(panel: NationalPanel, codes: ReadonlySet<string> | null, from?: number, to?: number) {
  const inPeriod = (y: number) => (from === undefined || y >= from) && (to === undefined || y <= to);
  const areas = panel.areas
    .filter((a) => codes === null || codes.has(a.code))
    .map((a) => ({ ...a, values: new Map([...a.values].filter(([y]) => inPeriod(y))) }))
    .filter((a) => a.values.size > 0);
  const years = [...new Set(areas.flatMap((a) => [...a.values.keys()]))].sort((x, y) => x - y);
  return { ...panel, areas, years };
}

/** Straight-line (OLS) forecasts from the same origins and pairs as the national backtest. */
function linearTrendRows(panel: NationalPanel, origins: readonly number[], horizons: readonly number[]) {
  return horizons.map((h): BacktestHorizonRow => {
    let n = 0;
    let abs = 0;
    let ape = 0;
    let pe = 0;
    let apeN = 0;
    let scaled = 0;
    let scaledN = 0;
    let covered = 0;
    let intervals = 0;
    for (const area of panel.areas) {
      for (const origin of origins) {
        const actual = area.values.get(origin + h);
        const w = windowAt(area, origin);
        if (actual === undefined || !w) continue;
        const years = w.values.map((_, i) => origin - w.values.length + 1 + i);
        const f = linearTrendForecast(years, w.values, origin + h);
        n++;
        abs += Math.abs(f.p50 - actual);
        // the same MASE scale as the national backtest's rows (every year of the panel; none from fewer than two changes)
        const scale = maseScale(area.values);
        if (scale !== null) {
          scaled += Math.abs(f.p50 - actual) / scale;
          scaledN++;
        }
        if (actual !== 0) {
          ape += Math.abs(f.p50 - actual) / actual;
          pe += (f.p50 - actual) / actual;
          apeN++;
        }
        if (f.interval) {
          intervals++;
          covered += coverageScore(actual, f);
        }
      }
    }
    return {
      h,
      pairs: n,
      mae: n ? abs / n : null,
      mape: apeN ? (100 * ape) / apeN : null,
      mase: scaledN ? scaled / scaledN : null,
      bias: apeN ? (100 * pe) / apeN : null,
      coverage80: intervals ? covered / intervals : null,
    };
  });
}

/** Runs the backtest on the open plan's figures. */
export function runPlanBacktest(plans: PlanService, options: PlanBacktestOptions): PlanBacktestReport {
  const data = plans.read((db) => readPlanDataWithPanel(db));
  const members = data.areas.filter((a) => a.isMember && a.level === 'Local authority').map((a) => a.code);
  if (!options.allEngland && members.length === 0) {
    throw new PlannerError('INVALID_ARGUMENT', 'The consortium has no member authorities: choose them first.');
  }
  const national = restrictPanel(nationalPanelFromPlan(data, options.measure), null, options.from, options.to);
  const panel = options.allEngland ? national : restrictPanel(national, new Set(members));
  if (panel.years.length < 2) {
    throw new PlannerError(
      'INVALID_ARGUMENT',
      `Too little history for a backtest: the plan holds ${panel.years.length} year${panel.years.length === 1 ? '' : 's'} of ${options.measure} for these authorities${options.from !== undefined || options.to !== undefined ? ' in that period' : ''}; it needs at least two.`,
    );
  }
  const result = nationalBacktest(panel, { horizons: options.horizons });
  // The default method is the one chosen on every authority the plan holds, whatever is scored here.
  const selection = options.allEngland ? result : nationalBacktest(national, { horizons: options.horizons });
  const score = (id: string) => result.candidates.find((c) => c.method === id);
  const chosen = score(selection.chosen);
  const methods: BacktestMethodRows[] = [];
  if (chosen)
    methods.push({
      role: 'chosen',
      method: chosen.method,
      label: chosen.label,
      horizons: chosen.horizons.map(fromScore),
    });
  for (const id of ['lastValue', 'drift'] as const) {
    const c = score(id);
    if (c) methods.push({ role: id, method: c.method, label: c.label, horizons: c.horizons.map(fromScore) });
  }
  methods.push({
    role: 'linearTrend',
    method: 'linearTrend',
    label: 'Linear trend (least squares)',
    horizons: linearTrendRows(panel, result.origins, result.horizons),
  });
  const totals = (chosen?.horizons ?? []).map((s): BacktestTotalsRow => ({
    h: s.h,
    regions: { coverage80: s.regionCoverage80 ?? null, pairs: s.regionPairs ?? 0 },
    randomGroups: { coverage80: s.randomGroupCoverage80 ?? null, pairs: s.randomGroupPairs ?? 0 },
    byOrigin: s.groupCoverageByOrigin ?? [],
  }));
  const notes = [...result.notes];
  const fewestOrigins = totals.reduce((n, t) => Math.min(n, t.byOrigin.length), Infinity);
  if (totals.length && fewestOrigins < 5) {
    notes.push(
      `Totals' 80% coverage rests on ${fewestOrigins === Infinity ? 0 : fewestOrigins}–${Math.max(...totals.map((t) => t.byOrigin.length))} origins: every total at one origin shares that year's national swing, so each origin counts once, however many totals it holds; read the totals' coverage as uncertain by the spread across origins shown.`,
    );
  }
  const thin = methods[0]?.horizons.filter((h) => h.pairs < 30).map((h) => h.h) ?? [];
  if (thin.length) {
    notes.push(
      `Horizon${thin.length === 1 ? '' : 's'} ${thin.join(', ')} rest${thin.length === 1 ? 's' : ''} on fewer than 30 pairs: too thin to judge a method; run with --all-england for the national evidence.`,
    );
  }
  notes.push(
    'Linear trend: least squares on each authority’s numbers up to the origin, with its 80% prediction interval (no interval with fewer than three years).',
  );
  return {
    consortium: data.consortiumName,
    scope: options.allEngland ? 'all-england' : 'members',
    measure: options.measure,
    period: panel.years.length ? { from: panel.years[0] ?? 0, to: panel.years[panel.years.length - 1] ?? 0 } : null,
    authorities: result.areas,
    origins: result.origins,
    horizons: result.horizons,
    chosen: {
      method: selection.chosen,
      label: chosen?.label ?? selection.chosen,
      reason: selection.reason,
      lastValueDefault: selection.lastValueDefault,
      basis: selection === result ? 'these authorities' : `every authority the plan holds (${selection.areas})`,
    },
    methods,
    totals,
    notes,
  };
}
