/**
 * How `planner backtest` prints its report as text: per method, the accuracy at each horizon, then
 * the chosen method's ranges for summed totals, then the notes.
 */
import type { PanelSeries } from '#shared/forecast/index.js';
import type { PlanBacktestReport } from '#shared/forecast/planBacktestReport.js';
import { measures } from '#shared/model/measures.js';
import { lowerFirst } from '#shared/model/words.js';

/** A measure as it reads in a sentence: "children in secure or children's homes", "children looked after". */
function measureWords(measure: PanelSeries): string {
  const label = lowerFirst(measures[measure].label);
  return label.startsWith('in ') ? `children ${label}` : label;
}

export function backtestText(report: PlanBacktestReport): string {
  const cell = (x: number | null, digits: number, suffix = '') => (x === null ? '—' : `${x.toFixed(digits)}${suffix}`);
  const lines = [
    `${report.scope === 'all-england' ? 'Every authority in the plan' : report.consortium}: backtest of ${measureWords(report.measure)}, ${report.authorities} authorit${report.authorities === 1 ? 'y' : 'ies'}, figures ${report.period ? `${report.period.from}–${report.period.to}` : '—'}, origins ${report.origins.join(', ') || '—'}`,
    `Chosen method: ${report.chosen.label}, chosen on ${report.chosen.basis}. ${report.chosen.reason}`,
    '',
  ];
  for (const m of report.methods) {
    lines.push(
      `${m.role === 'chosen' ? 'Chosen: ' : ''}${m.label}`,
      '   h  Pairs      MAE   MAPE    MASE    Bias  80% cover',
    );
    for (const h of m.horizons) {
      const coverage = h.coverage80 === null ? '—' : `${(h.coverage80 * 100).toFixed(0)}%`;
      lines.push(
        `  ${String(h.h).padStart(2)}  ${String(h.pairs).padStart(5)}  ${cell(h.mae, 1).padStart(7)}  ${cell(h.mape, 1, '%').padStart(5)}  ${cell(h.mase, 2).padStart(6)}  ${cell(h.bias, 1, '%').padStart(6)}  ${coverage.padStart(9)}`,
      );
    }
  }
  if (report.totals.some((t) => t.regions.pairs + t.randomGroups.pairs > 0)) {
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);
    lines.push(
      '',
      'Chosen method, 80% ranges for summed totals (left-out origin scored)',
      '   h  Regions (pairs)  Random groups of 5–15 (pairs)  By origin',
    );
    for (const t of report.totals) {
      lines.push(
        `  ${String(t.h).padStart(2)}  ${`${pct(t.regions.coverage80)} (${t.regions.pairs})`.padStart(15)}  ${`${pct(t.randomGroups.coverage80)} (${t.randomGroups.pairs})`.padStart(29)}  ${t.byOrigin.map((o) => `${o.origin} ${pct(o.coverage80)}`).join(', ')}`,
      );
    }
  }
  lines.push('', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
