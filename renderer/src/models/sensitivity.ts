/**
 * The tornado of one scenario's horizon cost and horizon-year bed gap, as chart rows.
 * Both sources use the one shared engine (shared/scenario/costUncertainty.ts): a run's outcome
 * carries its tornadoes (`outcome.sensitivity`), and the host's `runSensitivity` returns the same
 * rows for the scenario run on the host. Each input sits at the ends of its stated range (not a
 * fixed ±20%): a price moves the cost and not the gap; occupancy, the access share and supply move
 * the gap, and the cost only through the allocation, which is not re-run (shown as not estimated);
 * demand moves both. Shared by the Scenarios, Compare and Projection views and the report. Pure,
 * unit-tested.
 */
import type { CallResults } from '#shared/api/contract.js';
import { sensitivityRows, type SensitivityRow } from '#shared/scenario/costUncertainty.js';
import type { ScenarioOutcome } from '#shared/scenario/types.js';
import type { TornadoPoint, TornadoRow } from '../charts/scenario/tornadoModel';
import { formatPounds } from '../format/money';
import { formatShare } from '../format/shares';
import { formatWhole } from '../format/numbers';

export interface Sensitivity {
  /** The scenario's horizon cost (£) and final-year gap (beds). */
  base: TornadoPoint;
  rows: TornadoRow[];
  finalYear: string;
  /** Which input drives each answer, in a sentence. */
  sentences: { cost: string; gap: string };
  /** What the tornado leaves out. */
  note: string;
}

const describeValue = (value: number, unit: string): string => {
  if (unit === 'children') return `${formatWhole(value)} children`;
  if (unit === 'accessible places') return `${formatWhole(value)} places`;
  if (unit.startsWith('share') || unit.includes('year above inflation')) return formatShare(value);
  if (unit.startsWith('£')) return value < 100 ? `£${value.toFixed(2)}` : formatPounds(value);
  return `${value}`;
};

const toRow = (b: SensitivityRow): TornadoRow => ({
  key: b.key,
  label: b.label,
  detail: `${describeValue(b.lowValue, b.unit)} to ${describeValue(b.highValue, b.unit)}`,
  low: { cost: b.low.cost, gap: b.low.gap },
  high: { cost: b.high.cost, gap: b.high.gap },
  ...(b.notEstimated ? { notEstimated: b.notEstimated } : {}),
});

/** The tornado rows of a run's outcome (null when it carries none). */
export function sensitivityFromOutcome(outcome: ScenarioOutcome): Sensitivity | null {
  const s = outcome.sensitivity;
  if (!s) return null;
  return {
    base: { cost: outcome.totals.cost.total, gap: outcome.totals.finalYearGap },
    rows: sensitivityRows(outcome).map(toRow),
    finalYear: s.year,
    sentences: { cost: s.costSentence, gap: s.gapSentence },
    note: s.costNote,
  };
}

/** The host's answer to `runSensitivity`: the same engine on the host's run. */
export type HostSensitivity = Omit<CallResults['runSensitivity'], 'scenario'>;

/** The tornado rows from the host's run. */
export function sensitivityFromHost(host: HostSensitivity): Sensitivity {
  return {
    base: { cost: host.base.cost, gap: host.base.gap },
    rows: host.bars.map(toRow),
    finalYear: host.year,
    sentences: host.sentences,
    note: host.note,
  };
}
