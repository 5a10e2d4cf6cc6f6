/**
 * The series the scenario charts draw from scenario outcomes: each outcome's values of a yearly
 * figure (as amounts or differences from the baseline) and where each outcome's children are placed
 * in one year. Shared by the Scenarios and Compare views. Pure, unit-tested.
 */
import type { ScenarioOutcome } from '#shared/scenario/types.js';
import type { LocalityRow } from '../charts/scenario/localityModel';
import type { YearSeries } from '../charts/scenario/series';

const lastYear = (o: ScenarioOutcome) => o.years[o.years.length - 1];

/**
 * Each outcome's values of one yearly figure, as chart series (the baseline first, each drawn in
 * the style of its position), as amounts or as differences from the baseline.
 */
export function yearSeries(
  outcomes: readonly ScenarioOutcome[],
  value: (y: ScenarioOutcome['years'][number]) => number,
  mode: 'amount' | 'difference' = 'amount',
): YearSeries[] {
  const baseline = outcomes[0];
  return outcomes.map((o, i) => ({
    id: o.scenario.id,
    name: o.scenario.name,
    styleIndex: i,
    values: o.years.map((y, i) => {
      const b = baseline?.years[i];
      return { year: y.year, value: mode === 'difference' && b ? value(y) - value(b) : value(y) };
    }),
  }));
}

/** Where each outcome's children are placed in one year (the last when not given), for the locality chart. */
export function localityRows(outcomes: readonly ScenarioOutcome[], year?: string): LocalityRow[] {
  return outcomes.map((o) => {
    const y = (year ? o.years.find((v) => v.year === year) : undefined) ?? lastYear(o);
    return {
      id: o.scenario.id,
      name: o.scenario.name,
      parts: {
        ownLa: y?.placedOwnLa ?? 0,
        elsewhere: y?.placedElsewhereInConsortium ?? 0,
        outside: y?.placedOutside ?? 0,
        unmet: y?.unmet ?? 0,
      },
    };
  });
}
