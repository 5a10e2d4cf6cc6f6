/**
 * The scenario tables of an export: each scenario's outcomes by year against the baseline, and the
 * totals of each compared with the baseline (with each block contract's break-even).
 */
import type { CallResults } from '#shared/api/contract.js';
import { financialYearSpan } from '#shared/scenario/years.js';
import { kindOfUnit, yearCell, type CellValue, type ColumnKind, type ExportTable } from './cells.js';
import { chanceBasis, chanceCells } from './planTables.js';

type ScenarioRun = CallResults['runScenarios'];

export function scenariosTable(run: ScenarioRun): ExportTable {
  const rows: CellValue[][] = [];
  for (const o of [run.baseline, ...run.outcomes]) {
    for (const y of o.years) {
      const c = y.cost;
      rows.push([
        o.scenario.name,
        o.scenario.illustrative ? 'Yes' : 'No',
        yearCell(y.year),
        y.demand,
        y.bedsNeeded,
        y.accessiblePlaces,
        y.gap,
        ...chanceCells(y.probabilityGapClosed),
        y.placedOwnLa,
        y.placedElsewhereInConsortium,
        y.placedOutside,
        y.unmet,
        y.over20MilesShare,
        y.expectedMissingIncidents,
        c.placementsBySector.localAuthority,
        c.placementsBySector.private,
        c.placementsBySector.voluntary,
        c.placementsBySector.outsideConsortium,
        c.placementsBySector.unmet,
        c.blockContracts,
        c.voids,
        c.capital,
        c.running,
        c.programmes,
        c.travel,
        c.missingEpisodes,
        c.residualValue,
        c.total,
        y.presentValue,
      ]);
    }
  }
  return {
    name: 'Scenarios',
    title: `Each scenario by year ending 31 March (median demand; percentiles in the app and the report). The cost columns add up to the total: the residual value of new homes is a credit (negative) in the last year. The probability the gap is closed is given only between 1% and 99% (else blank, with words beside it) and rests on ${chanceBasis(run.baseline.assumptions)}`,
    header: [
      'Scenario',
      'Illustrative',
      'Year ending 31 March',
      'Children needing a place',
      'Beds needed',
      'Accessible places',
      'Gap [beds]',
      'Probability the gap is closed [share]',
      'Chance the gap is closed (as read)',
      'Placed in own LA [children]',
      'Placed elsewhere in consortium [children]',
      'Placed outside consortium [children]',
      'Without a place [children]',
      'Placed more than 20 miles away [share]',
      'Expected missing incidents',
      'Cost: LA-run homes [£]',
      'Cost: private homes in members [£]',
      'Cost: voluntary homes in members [£]',
      'Cost: outside the consortium [£]',
      'Cost: children without a registered place [£]',
      'Cost: block contracts in use [£]',
      'Cost: voids [£]',
      'Cost: capital [£]',
      'Cost: running new homes [£]',
      'Cost: programmes and agreements [£]',
      'Cost: travel and staff time by distance [£]',
      'Cost: missing incidents (public cost) [£]',
      'Residual value of new homes at the horizon (credit) [£]',
      'Cost: total [£]',
      'Present value of the cost [£]',
    ],
    kinds: [
      'text',
      'text',
      'year',
      'count',
      'count',
      'count',
      'count',
      'share',
      'text',
      'count',
      'count',
      'count',
      'count',
      'share',
      'oneDecimal',
      ...Array.from({ length: 15 }, (): ColumnKind => 'money'),
    ],
    rows,
  };
}

export function comparisonTable(run: ScenarioRun): ExportTable {
  const figures: [string, string, (o: ScenarioRun['baseline']) => number][] = [
    ['Bed gap in the final year', 'beds', (o) => o.totals.finalYearGap],
    ['Bed gap summed over the years', 'bed-years', (o) => o.totals.gap],
    ['Placed in own LA', 'child-years', (o) => o.totals.placedOwnLa],
    ['Placed elsewhere in consortium', 'child-years', (o) => o.totals.placedElsewhereInConsortium],
    ['Placed outside consortium', 'child-years', (o) => o.totals.placedOutside],
    ['Placed more than 20 miles away', 'share', (o) => o.totals.over20MilesShare],
    ['Expected missing incidents', 'incidents', (o) => o.totals.expectedMissingIncidents],
    ['Total cost', '£', (o) => o.totals.cost.total],
    ['Cost: travel and staff time by distance', '£', (o) => o.totals.cost.travel],
    ['Cost: missing incidents (public cost)', '£', (o) => o.totals.cost.missingEpisodes],
    ['Residual value of new homes at the horizon (credit)', '£', (o) => o.totals.cost.residualValue],
    ['Net present value of the cost', '£', (o) => o.npv.total],
    ['Net present value of the residual value (credit)', '£', (o) => o.npv.residualValue],
  ];
  const rows: CellValue[][] = [];
  for (const o of run.outcomes) {
    for (const [label, unit, value] of figures) {
      rows.push([o.scenario.name, label, unit, value(o), value(run.baseline), value(o) - value(run.baseline)]);
    }
    // Each block contract: its weekly price and the price at which its net present cost equals the baseline's.
    const difference = run.comparison.scenarios.find((d) => d.id === o.scenario.id);
    for (const e of difference?.breakEven ?? []) {
      rows.push([o.scenario.name, `Block contract weekly price: ${e.label}`, '£ per week', e.weeklyPrice, null, null]);
      rows.push([
        o.scenario.name,
        `Block contract break-even price${e.exact ? '' : ' (lower bound)'}: ${e.label}`,
        '£ per week',
        e.breakEvenWeeklyPrice,
        null,
        e.breakEvenWeeklyPrice - e.weeklyPrice,
      ]);
    }
  }
  return {
    name: 'Comparison',
    title: `${run.baseline.years.length}-year totals of each scenario against the baseline (${financialYearSpan(run.baseline.years.map((y) => y.year))}); each block contract's break-even is the weekly price at which the scenario's net present cost equals the baseline's (its difference: break-even less the contract price)`,
    header: ['Scenario', 'Figure', 'Unit', 'Scenario value', 'Baseline value', 'Difference from baseline'],
    kinds: [
      'text',
      'text',
      'text',
      ...Array.from({ length: 3 }, () => (row: readonly CellValue[]) => kindOfUnit(String(row[2]))),
    ],
    rows,
  };
}
