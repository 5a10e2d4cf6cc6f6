/**
 * How `planner summary` prints a plan's summary: the JSON document (--json) and the text table of
 * each authority's headline figures, the consortium's totals and the comparators.
 */
import { measures } from '#shared/model/measures.js';
import type { AreaSummary, HeadlineFigure, PlanSummary } from '#shared/model/summary.js';

function figureJson(f: HeadlineFigure) {
  return {
    value: f.value,
    unit: measures[f.measure].unit,
    period: f.period,
    ...(f.suppression ? { suppression: f.suppression } : {}),
    sources: f.sources,
    ...(f.missingMembers ? { missingMembers: f.missingMembers } : {}),
    ...(f.derivation ? { derivation: f.derivation } : {}),
  };
}

function figuresJson(figures: HeadlineFigure[], history: AreaSummary['history'] = {}) {
  return Object.fromEntries(
    figures.map((f) => [
      f.measure,
      {
        ...figureJson(f),
        periodsAvailable: (history[f.measure] ?? []).filter((p) => p.value !== null).map((p) => p.period),
      },
    ]),
  );
}

function areaJson(a: AreaSummary) {
  return {
    onsCode: a.code,
    dfeCode: a.dfeCode,
    name: a.name,
    level: a.level,
    figures: figuresJson(a.headline, a.history),
    childrensHomesBySector: a.supplyBySector,
  };
}

export function summaryJson(summary: PlanSummary, planPath: string | null) {
  return {
    plan: { name: summary.planName, path: planPath },
    consortium: {
      name: summary.consortium.name,
      memberCount: summary.consortium.memberCount,
      figures: figuresJson(summary.consortium.headline, summary.consortium.history),
      childrensHomesBySector: summary.consortium.supplyBySector,
    },
    authorities: summary.authorities.map(areaJson),
    comparators: summary.comparators.map(areaJson),
    assumptions: summary.assumptions,
    gaps: summary.gaps,
    sources: summary.sources,
  };
}

let numberFormat: Intl.NumberFormat | null = null;

function formatValue(f: HeadlineFigure | undefined): string {
  if (!f) return '';
  if (f.value === null) return f.suppression ? `[${f.suppression}]` : '—';
  // one formatter for the whole table: toLocaleString makes a new one for every figure
  numberFormat ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
  return numberFormat.format(f.value);
}

export function summaryText(summary: PlanSummary): string {
  const headline = summary.consortium.headline;
  const header = ['Authority', 'ONS code', ...headline.map((f) => `${measures[f.measure].label} (${f.period})`)];
  const rows = [
    ...summary.authorities.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure && f.period === h.period))),
    ]),
    [`${summary.consortium.name} (total)`, '', ...headline.map((f) => formatValue(f))],
    ...summary.comparators.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure && f.period === h.period))),
    ]),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return (
    [
      `${summary.planName}: ${summary.consortium.name}, ${summary.consortium.memberCount} authorities`,
      line(header),
      ...rows.map(line),
    ].join('\n') + '\n'
  );
}
