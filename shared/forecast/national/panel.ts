/**
 * The panel the national backtest runs on (./backtest.ts): one series (children in secure and
 * children's homes, or children looked after) for every upper-tier authority a plan holds, with each
 * authority's population aged 0 to 17 and a pooling group (its region). Made once per plan's figures
 * and kept.
 */
import type { PlanData } from '../../model/summarise.js';

export type PanelSeries = 'childrenInChildrensHomes' | 'childrenLookedAfter';

export interface PanelArea {
  code: string;
  name: string;
  /** Pooling group: the region in a national panel, the consortium for members in a projection. */
  group: string | null;
  /** Observed numbers by year ending 31 March. */
  values: Map<number, number>;
  /** Population aged 0 to 17 by the demand year it goes with (the mid-year before). */
  population: Map<number, number>;
}

export interface NationalPanel {
  series: PanelSeries;
  areas: PanelArea[];
  /** Every year with an observation, ascending. */
  years: number[];
}

/**
 * Panels made, by the plan's observations list, series and areas list: the plan's figures, read once,
 * keep their identity across assumption changes (electron/services/projectionService.ts), and making
 * the panel goes through every authority's figures. The lists are not changed once read; the length
 * is checked as well. A panel is not changed once made (panelUpTo makes truncated copies).
 */
const panelsMade = new WeakMap<
  PlanData['observations'],
  Map<PanelSeries, { areas: PlanData['areas']; length: number; panel: NationalPanel }>
>();

/** Every upper-tier authority's series in a plan (members or not), with its region as group. */
export function nationalPanelFromPlan(data: PlanData, series: PanelSeries): NationalPanel {
  const made = panelsMade.get(data.observations) ?? new Map();
  panelsMade.set(data.observations, made);
  const known = made.get(series);
  if (known?.areas === data.areas && known.length === data.observations.length) return known.panel;
  const panel = makeNationalPanel(data, series);
  made.set(series, { areas: data.areas, length: data.observations.length, panel });
  return panel;
}

function makeNationalPanel(data: PlanData, series: PanelSeries): NationalPanel {
  const las = data.areas.filter((a) => a.level === 'Local authority');
  const byCode = new Map<string, PanelArea>(
    las.map((a) => [
      a.code,
      { code: a.code, name: a.name, group: a.regionCode ?? null, values: new Map(), population: new Map() },
    ]),
  );
  const years = new Set<number>();
  for (const o of data.observations) {
    const area = byCode.get(o.area);
    if (!area || o.value === null || !/^\d{4}$/.test(o.period) || !Number.isFinite(o.value)) continue;
    if (o.measure === series) {
      area.values.set(Number(o.period), o.value);
      years.add(Number(o.period));
    } else if (o.measure === 'population0to17' && o.value > 0 && !/projection|snpp/i.test(o.source)) {
      area.population.set(Number(o.period) + 1, o.value);
    }
  }
  return {
    series,
    areas: [...byCode.values()].filter((a) => a.values.size > 0),
    years: [...years].sort((a, b) => a - b),
  };
}
