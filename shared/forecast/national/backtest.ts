/**
 * The national backtest: every candidate method (../candidates.ts) forecast from every origin the
 * panel allows (./panel.ts, ./paths.ts), for every English authority, scored against what happened
 * (./scores.ts); the default method chosen on that evidence; and interval widths calibrated on the
 * same out-of-sample errors (./calibration.ts, ./groups.ts).
 *
 * **Origins.** Every year before the last is an origin. With annual data 2021–2025 that is four
 * origins for one year ahead and two for three years ahead.
 *
 * **Selection.** The default is the candidate with the lowest MASE relative to last value averaged
 * over the horizons, among those no worse than last value at any horizon; if none qualifies, the
 * default is last value and the result says so. MASE rather than MAE, so that the large authorities
 * do not decide alone.
 */
import { CANDIDATES, candidateLabels, LOG_OFFSET, maseScale, type CandidateId } from '../candidates.js';
import { quantileSorted, Z90 } from '../stats.js';
import { calibrateAuthorities, logSpread, type ErrorPair, type HorizonCalibration } from './calibration.js';
import { correlationFor, fitCommonVariance, groupInterval, groupPairs, randomGroups } from './groups.js';
import type { NationalPanel } from './panel.js';
import { candidatePath, fitOrigin, windowAt, type OriginFit } from './paths.js';
import {
  SCORE_BASIS,
  type CandidateHorizonScore,
  type CandidateScores,
  type NationalBacktestOptions,
  type NationalBacktestResult,
} from './scores.js';

const covers = (actual: number, lo: number, hi: number): number =>
  actual > lo && actual < hi ? 1 : actual === lo || actual === hi ? 0.5 : 0;

const cache = new WeakMap<NationalPanel, Map<string, NationalBacktestResult>>();

/** Rolling-origin backtest of every candidate on a panel, with the selection and calibration. Cached per panel. */
export function nationalBacktest(panel: NationalPanel, options: NationalBacktestOptions = {}): NationalBacktestResult {
  const key = JSON.stringify(options);
  const hit = cache.get(panel)?.get(key);
  if (hit) return hit;
  const result = runBacktest(panel, options);
  const map = cache.get(panel) ?? new Map<string, NationalBacktestResult>();
  map.set(key, result);
  cache.set(panel, map);
  return result;
}

function runBacktest(panel: NationalPanel, options: NationalBacktestOptions): NationalBacktestResult {
  const horizons = [...new Set(options.horizons ?? [1, 2, 3])].sort((a, b) => a - b);
  if (horizons.some((h) => !Number.isInteger(h) || h < 1 || h > 10)) {
    throw new Error(`Backtest horizons must be whole numbers of years from 1 to 10; got ${horizons.join(', ')}.`);
  }
  const H = horizons[horizons.length - 1] ?? 1;
  const candidates: CandidateId[] = [
    'lastValue',
    ...(options.candidates ?? CANDIDATES).filter((c) => c !== 'lastValue'),
  ];
  const lastYear = panel.years[panel.years.length - 1] ?? 0;
  const origins = panel.years.filter(
    (y) => y < lastYear && y >= (options.fromYear ?? -Infinity) && y <= (options.toYear ?? Infinity),
  );
  const errors = new Map<CandidateId, ErrorPair[]>(candidates.map((c) => [c, []]));
  const scales: (number | null)[] = [];
  const areaCodes = panel.areas.map((a) => a.code);
  const areaIndex = new Map(panel.areas.map((a, i) => [a, i]));
  const random = randomGroups(panel.areas.length);
  // The MASE scale of each authority: its mean absolute annual change over the panel's years.
  const maseScales = panel.areas.map((a) => maseScale(a.values));
  let latestFit: OriginFit | null = null;
  for (const origin of origins) {
    const members = panel.areas.flatMap((a) => {
      const w = windowAt(a, origin);
      return w ? [{ a, w }] : [];
    });
    const fit = fitOrigin(
      members.map((m) => m.w),
      origin,
    );
    latestFit = fit;
    members.forEach(({ a }, i) => {
      const areaIdx = areaIndex.get(a) ?? 0;
      const scale = maseScales[areaIdx] ?? null;
      const paths = candidates.map((c) => candidatePath(fit, i, c, H, (y) => a.population.get(y)));
      for (const h of horizons) {
        const actual = a.values.get(origin + h);
        if (actual === undefined) continue;
        scales.push(scale);
        candidates.forEach((c, k) => {
          errors.get(c)?.push({
            area: areaIdx,
            origin,
            h,
            forecast: paths[k]?.points[h - 1] ?? 0,
            actual,
            group: a.group,
          });
        });
      }
    });
  }

  const byH = (list: readonly ErrorPair[], h: number) => list.filter((p) => p.h === h);
  const scoreOf = (c: CandidateId): CandidateScores => {
    const list = errors.get(c) ?? [];
    const lv = errors.get('lastValue') ?? [];
    const calibration: HorizonCalibration[] = [];
    const hs: CandidateHorizonScore[] = horizons.map((h) => {
      let n = 0;
      let ae = 0;
      let ape = 0;
      let apeN = 0;
      let pe = 0;
      let se = 0;
      let seLv = 0;
      let seN = 0;
      const originSet = new Set<number>();
      list.forEach((p, k) => {
        if (p.h !== h) return;
        const s = scales[k] ?? null;
        const err = p.forecast - p.actual;
        n++;
        ae += Math.abs(err);
        if (s !== null) {
          se += Math.abs(err) / s;
          seLv += Math.abs((lv[k]?.forecast ?? 0) - p.actual) / s;
          seN++;
        }
        originSet.add(p.origin);
        if (p.actual !== 0) {
          ape += Math.abs(err) / p.actual;
          pe += err / p.actual;
          apeN++;
        }
      });
      const atH = byH(list, h);
      // Leave-one-origin-out coverage for authorities and summed groups.
      let covered = 0;
      let scored = 0;
      const gCovered = { region: 0, random: 0 };
      const gScored = { region: 0, random: 0 };
      const byOrigin: { origin: number; coverage80: number; pairs: number }[] = [];
      for (const o of [...originSet].sort((x, y) => x - y)) {
        const train = atH.filter((p) => p.origin !== o);
        const test = atH.filter((p) => p.origin === o);
        if (train.length === 0) continue;
        const cal = calibrateAuthorities(train, h);
        for (const p of test) {
          const { centre, sd } = logSpread(cal, p.forecast);
          const f = p.forecast + LOG_OFFSET;
          covered += covers(
            p.actual,
            f * Math.exp(centre - Z90 * sd) - LOG_OFFSET,
            f * Math.exp(centre + Z90 * sd) - LOG_OFFSET,
          );
          scored++;
        }
        const common = fitCommonVariance(groupPairs(train, cal, random));
        let oCovered = 0;
        let oScored = 0;
        for (const g of groupPairs(test, cal, random)) {
          const iv = groupInterval(g, common);
          const c = covers(g.actual, iv.p10, iv.p90);
          gCovered[g.kind] += c;
          gScored[g.kind]++;
          oCovered += c;
          oScored++;
        }
        if (oScored) byOrigin.push({ origin: o, coverage80: oCovered / oScored, pairs: oScored });
      }
      const full = calibrateAuthorities(atH, h, calibration.at(-1));
      const groups = groupPairs(atH, full, random);
      full.commonVariance = fitCommonVariance(groups);
      const regionRho = groups
        .filter((g) => g.kind === 'region')
        .map((g) => correlationFor(g.independent, g.shared, full.commonVariance))
        .sort((x, y) => x - y);
      full.correlation = regionRho.length ? quantileSorted(regionRho, 0.5) : 0;
      full.groupPairs = groups.length;
      calibration.push(full);
      const mase = seN ? se / seN : null;
      const allScored = gScored.region + gScored.random;
      const share = (x: number, m: number) => (m ? x / m : null);
      return {
        h,
        n,
        origins: originSet.size,
        mae: n ? ae / n : null,
        mape: apeN ? (100 * ape) / apeN : null,
        bias: apeN ? (100 * pe) / apeN : null,
        mase,
        maseVsLastValue: seN && seLv > 0 ? se / seLv : null,
        coverage80: scored ? covered / scored : null,
        groupCoverage80: share(gCovered.region + gCovered.random, allScored),
        groupPairs: allScored,
        regionCoverage80: share(gCovered.region, gScored.region),
        regionPairs: gScored.region,
        randomGroupCoverage80: share(gCovered.random, gScored.random),
        randomGroupPairs: gScored.random,
        groupCoverageByOrigin: byOrigin,
        maseLeftOut: n - seN,
      };
    });
    const rel = hs.map((x) => x.maseVsLastValue).filter((x): x is number => x !== null);
    return {
      method: c,
      label: candidateLabels[c],
      horizons: hs,
      meanMaseVsLastValue: rel.length ? rel.reduce((s, x) => s + x, 0) / rel.length : null,
      calibration,
    };
  };
  const scores = candidates.map(scoreOf);
  const eligible = scores.filter(
    (s) =>
      s.method !== 'lastValue' &&
      s.meanMaseVsLastValue !== null &&
      s.meanMaseVsLastValue < 1 &&
      s.horizons.every((h) => h.maseVsLastValue === null || h.maseVsLastValue <= 1),
  );
  eligible.sort((a, b) => (a.meanMaseVsLastValue ?? 1) - (b.meanMaseVsLastValue ?? 1));
  const winner = eligible[0];
  const chosen: CandidateId = winner?.method ?? 'lastValue';
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
  const nAreas = new Set((errors.get('lastValue') ?? []).map((p) => p.area)).size;
  const reason = winner
    ? `${candidateLabels[chosen]} had the lowest error on ${nAreas} authorities’ backtests: MASE relative to last value ${winner.horizons.map((h) => `${fmt(h.maseVsLastValue)} at ${h.h} year${h.h === 1 ? '' : 's'}`).join(', ')} (mean ${fmt(winner.meanMaseVsLastValue)}), and it was no worse than last value at any horizon.`
    : origins.length === 0
      ? 'Too little history for a backtest, so the last value is carried forward.'
      : `No candidate beat carrying the last value forward at every horizon on ${nAreas} authorities’ backtests, so the last value is the default.`;
  const notes: string[] = [];
  if (origins.length)
    notes.push(
      `${origins.length} origin${origins.length === 1 ? '' : 's'} (${origins.join(', ')}); where an origin has one year of history, trend methods fall back to the last value.`,
    );
  const groups = new Set(panel.areas.map((a) => a.group).filter((g) => g !== null)).size;
  if (groups < 3) notes.push('Fewer than three groups: the correlation for consortium totals rests on very few sums.');
  const chosenScores = scores.find((s) => s.method === chosen);
  const result: NationalBacktestResult = {
    series: panel.series,
    areas: nAreas,
    groups,
    origins,
    horizons,
    scoreBasis: SCORE_BASIS,
    candidates: scores,
    chosen,
    reason,
    lastValueDefault: chosen === 'lastValue',
    calibration: chosenScores?.calibration ?? [],
    smoothing: latestFit?.smoothing ?? {
      count: { phi: 0.8, beta: 0.5, score: null },
      rate: { phi: 0.8, beta: 0.5, score: null },
    },
    notes,
  };
  if (options.keepPairs) {
    const ch = errors.get(chosen) ?? [];
    const lv = errors.get('lastValue') ?? [];
    const cals = new Map(result.calibration.map((c) => [c.h, c]));
    result.pairs = ch.map((p, k) => {
      const cal = cals.get(p.h);
      const { centre, sd } = cal ? logSpread(cal, p.forecast) : { centre: 0, sd: 0 };
      const f = p.forecast + LOG_OFFSET;
      return {
        area: areaCodes[p.area] ?? '',
        origin: p.origin,
        h: p.h,
        actual: p.actual,
        chosen: {
          p10: Math.max(0, f * Math.exp(centre - Z90 * sd) - LOG_OFFSET),
          p50: p.forecast,
          p90: f * Math.exp(centre + Z90 * sd) - LOG_OFFSET,
        },
        lastValue: lv[k]?.forecast ?? 0,
      };
    });
  }
  return result;
}
