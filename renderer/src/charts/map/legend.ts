/**
 * The Map picture's legend: the colour bar for the gap or the share, the sector key, the 20+ miles
 * badge and the flow arrows, laid out top to bottom in the legend column.
 */
import type { ScaleDiverging, ScaleSequential } from 'd3';
import { NO_DATA_COLOUR, gradientStops, legendTicks } from '#shared/geo/index.js';
import { supplyGroups, type MapYear } from '#shared/map/index.js';
import { formatSnapshot } from '#shared/model/dates.js';
import { LEGEND_TOP, LINE, supplyColours } from './frame';
import type { LegendItem, LegendModel, MapPicture } from './types';
import { longDate, wrap } from './words';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { formatIntlPercent } from '../../format/shares';

/** Positions of every legend item, top to bottom, and where the legend ends. */
export function layoutLegend(input: {
  legend: LegendModel;
  supplyKey: { places: number; radius: number }[];
  supplyPeriod: string | null;
  badges: boolean;
  flows: MapPicture['flows'];
}): { items: LegendItem[]; bottom: number } {
  const items: LegendItem[] = [];
  let y = LEGEND_TOP;
  const heading = (text: string) => {
    for (const line of wrap(text, 24)) {
      items.push({ kind: 'heading', y, text: line });
      y += LINE.heading;
    }
  };
  const note = (text: string) => {
    for (const line of wrap(text, 31)) {
      items.push({ kind: 'text', y, text: line });
      y += LINE.text;
    }
  };
  const { legend } = input;
  heading(legend.title);
  note(legend.units);
  y += 6;
  items.push({ kind: 'bar', y, width: 196, ticks: legend.ticks, ends: legend.ends });
  y += legend.ends ? 76 : 58;
  items.push({ kind: 'swatch', y, colour: NO_DATA_COLOUR, label: 'No figure' });
  y += 30;

  if (input.supplyKey.length > 0) {
    heading(`Children’s home places${input.supplyPeriod ? `, ${formatSnapshot(input.supplyPeriod)}` : ''}`);
    const biggest = Math.max(...input.supplyKey.map((k) => k.radius));
    y += 4;
    let cx = biggest;
    for (const k of input.supplyKey) {
      items.push({
        kind: 'circle',
        y: y + 2 * biggest,
        cx,
        radius: k.radius,
        label: formatWholeNoNegativeZero(k.places),
      });
      cx += biggest + k.radius + 44;
    }
    y += 2 * biggest + 20;
    for (const group of supplyGroups) {
      items.push({ kind: 'swatch', y, colour: supplyColours[group], label: group });
      y += 19;
    }
    y += 14;
  }

  if (input.badges) {
    heading('Placed 20+ miles away');
    y += 4;
    items.push({ kind: 'badge', y, text: '20+ mi 8%' });
    y += 22;
    note('Share of children looked after placed more than 20 miles from home (latest published)');
    y += 14;
  }

  if (input.flows) {
    const flows = input.flows;
    heading(`Placements, ${formatSnapshot(flows.period)}${flows.illustrative ? ' (illustrative)' : ''}`);
    y += 8;
    const samples = [Math.max(1, Math.round(flows.maxChildren / 4)), flows.maxChildren].filter(
      (v, i, all) => v > 0 && all.indexOf(v) === i,
    );
    for (const children of samples) {
      items.push({
        kind: 'arrow',
        y,
        width: flows.widthOf(children),
        label: `${formatWholeNoNegativeZero(children)} ${children === 1 ? 'child' : 'children'}`,
      });
      y += 24;
    }
    note(`Placing LA → host LA; arrows to the dashed circle leave the consortium. ${flows.shownNote}`);
    y += 6;
  }
  return { items, bottom: y };
}

export function gapLegend(scale: ScaleDiverging<string>, year: MapYear): LegendModel {
  return {
    title: `Bed gap, ${longDate(year.year)}`,
    units:
      year.kind === 'base'
        ? 'Beds (observed, year 0); 0 = need matches places'
        : 'Beds (projected median); 0 = need matches places',
    stops: gradientStops(scale),
    ticks: legendTicks(scale, 4, (v) => (v === 0 ? '0' : formatWholeNoNegativeZero(Math.abs(v)))),
    ends: ['spare', 'short'],
  };
}

export function shareLegend(scale: ScaleSequential<string>, year: MapYear): LegendModel {
  return {
    title: `Placed 20+ miles away${year.kind === 'history' ? `, ${longDate(year.year)}` : ''}`,
    units: 'Per cent of children looked after',
    stops: gradientStops(scale),
    ticks: legendTicks(scale, 4, (v) => formatIntlPercent(v)),
    ends: null,
  };
}
