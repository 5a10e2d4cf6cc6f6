/**
 * Forecast benchmarks: the rate-based projection for Greater Manchester (deterministic and with
 * 1,000 joint simulations), for 153 England-like synthetic LAs with 1,000 simulations, the GM
 * backtest, and the national backtest of every candidate method on every English authority (a fresh
 * panel each run, so its cache never answers).
 */
import builtin from '#resources/dataset/builtin-england.json';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import {
  backtest,
  nationalBacktest,
  nationalPanelFromPlan,
  buildProjectionInputs,
  project,
  projectionInputsFromPlan,
  Rng,
  type AreaSeries,
  type ProjectionInputs,
} from '#shared/forecast/index.js';
import { builtInPlanData } from '../../helpers/builtinPlan.js';
import type { BenchContext, BenchSuite } from '../types.js';

function gmInputs(): ProjectionInputs {
  return projectionInputsFromPlan(builtInPlanData());
}

/**
 * England-like synthetic LAs (seeded): children aged 0–17 log-normal around 60,000 (about 2,000 to
 * 300,000), about 7 per 10,000 in children's homes (England 2024: 8,540 of 12 million) varying by LA,
 * growing about 4% a year with LA scatter, 5 years of history (2021–2025), population estimates
 * 2015–2024, about 10 places per 10,000 children (11,857 places in 2023), 15% LA-run.
 */
export function englandLikeInputs(count = 153, seed = 2024): ProjectionInputs {
  const rng = new Rng(seed);
  const areas: AreaSeries[] = Array.from({ length: count }, (_, i) => {
    const population = Math.min(300_000, Math.max(2_000, 60_000 * Math.exp(0.6 * rng.normal())));
    const popGrowth = 0.005 * rng.normal();
    const rate = 7 * Math.exp(0.35 * rng.normal());
    const trend = 0.04 + 0.03 * rng.normal();
    const populationEstimates: Record<string, number> = {};
    for (let y = 2015; y <= 2024; y++) populationEstimates[String(y)] = population * Math.exp(popGrowth * (y - 2024));
    const demand: Record<string, number> = {};
    for (let y = 2021; y <= 2025; y++) {
      const mean = ((populationEstimates[String(y - 1)] ?? population) / 10_000) * rate * Math.exp(trend * (y - 2025));
      demand[String(y)] = rng.negativeBinomial(mean, 0.05 ** 2);
    }
    const places = Math.round((population / 10_000) * 10 * Math.exp(0.5 * rng.normal()));
    return {
      code: `E${String(6_000_000 + i).padStart(8, '0')}`,
      name: `Synthetic LA ${i + 1}`,
      demand,
      populationEstimates,
      registeredPlaces: places,
      laRunPlaces: Math.round(places * 0.15),
    };
  });
  return buildProjectionInputs({ consortiumName: 'England (synthetic)', areas });
}

export function suite(_context: BenchContext): BenchSuite {
  let gm: ProjectionInputs | null = null;
  let england: ProjectionInputs | null = null;
  const need = <T>(x: T | null): T => {
    if (x === null) throw new Error('setup did not run');
    return x;
  };
  return {
    setup: () => {
      gm = gmInputs();
      england = englandLikeInputs();
    },
    cases: [
      {
        name: 'forecast: GM rate-based, deterministic',
        runs: 200,
        target: 5,
        run: () => project(need(gm), { method: 'rate', simulations: 0 }),
      },
      {
        name: 'forecast: GM rate-based, 1,000 simulations',
        runs: 20,
        target: 50,
        run: () => project(need(gm), { method: 'rate', simulations: 1000, seed: 1 }),
      },
      {
        name: 'forecast: England 153 LAs, 1,000 simulations',
        runs: 5,
        target: 3000,
        run: () => project(need(england), { method: 'rate', simulations: 1000, seed: 1 }),
      },
      {
        name: 'forecast: national backtest, all authorities, horizons 1–3, intervals',
        runs: 5,
        target: 2000,
        run: () => {
          const data = builtin as unknown as BuiltInDataset;
          for (const series of ['childrenInChildrensHomes', 'childrenLookedAfter'] as const) {
            nationalBacktest(nationalPanelFromPlan(data, series), { horizons: [1, 2, 3] });
          }
        },
      },
      {
        name: 'forecast: GM backtest, 1,000 simulations',
        runs: 5,
        target: 1000,
        run: () => backtest(need(gm), { method: 'rate', simulations: 1000, seed: 1 }),
      },
    ],
  };
}
