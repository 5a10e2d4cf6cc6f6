/**
 * The Map picture, prepared without the DOM: shared/map decides the figures; here they become
 * colours, words, pie symbols, badges, flow arrows, the legend and the source line, which MapSvg
 * renders (the same picture on screen, in exports and in the Report).
 */
import { arc, pie } from 'd3';
import { NO_DATA_COLOUR, flowArcs, flowPeriodFor, textColourOn } from '#shared/geo/index.js';
import {
  areaFigures,
  areaValue,
  baseSnapshot,
  chooseFill,
  flowsIllustrative,
  shownFlows,
  type AreaFigures,
  type FillFallback,
  type MapYear,
} from '#shared/map/index.js';
import { formatSnapshot } from '#shared/model/dates.js';
import { AREA_LABEL, LINE, MAP_FRAME, OUTSIDE_AT, supplyColours } from './frame';
import { gapLegend, layoutLegend, shareLegend } from './legend';
import { sourceLines } from './sources';
import type { LabelBox, MapArea, MapPicture, PictureInput, PieSlice } from './types';
import { areaLabel, gapLabel, longDate } from './words';
import { formatIntlPercent } from '../../format/shares';

/**
 * The box an area's name and value take, from their lengths: a generous average glyph width (0.62 em
 * bold, 0.56 em regular) so the box holds the text in the fonts the app and the PDF use.
 */
export function labelBox(area: Pick<MapArea, 'x' | 'y' | 'name' | 'valueText'>): LabelBox {
  const nameWidth = area.name.length * AREA_LABEL.nameSize * 0.62;
  const valueWidth = area.valueText.length * AREA_LABEL.valueSize * 0.56;
  const width = Math.ceil(Math.max(nameWidth, valueWidth) + 8);
  const top = area.y + AREA_LABEL.nameBaseline - AREA_LABEL.nameSize - 1;
  const bottom = area.y + AREA_LABEL.valueBaseline + 5;
  return { x: Math.round(area.x - width / 2), y: Math.round(top), width, height: Math.round(bottom - top) };
}

/** Why the colours show the share placed 20+ miles away though the gap was asked for, in words. */
const fillNotes: Record<FillFallback, (year: MapYear) => string> = {
  'no-observed-gap': (year) =>
    `No member has an observed number of children in homes for ${year.year}, so there is no year-0 gap: the colours show the share of children placed more than 20 miles from home instead.`,
  'published-year': (year) =>
    `The bed gap is projected, so there is none for ${year.year}, a year of published figures: the colours show the share of children placed more than 20 miles from home instead.`,
  'no-projection': () =>
    'There is no projection for this plan yet, so the colours show the share placed more than 20 miles from home.',
};

const pieArc = arc<{ startAngle: number; endAngle: number; padAngle: number }>();

export function buildMapPicture(input: PictureInput): MapPicture {
  const { summary, projection, data, geometry, year, layers, scales } = input;
  const figures = areaFigures(summary, projection, data.flows, year);
  const consortium = summary.consortium.name;

  const { fill, fallback } = chooseFill(layers.fill, year, figures, projection);
  const fillNote = fallback ? fillNotes[fallback](year) : null;

  // Supply symbols: area ∝ places, the largest at most 18 px and within every shape.
  const maxPlaces = Math.max(1, ...[...figures.values()].map((f) => f.supplyPlaces));
  const smallest = Math.min(...geometry.shapes.map((s) => s.innerRadius));
  const maxRadius = Math.max(6, Math.min(18, smallest * 0.42));
  const radiusOf = (places: number) => maxRadius * Math.sqrt(places / maxPlaces);

  const areas: MapArea[] = geometry.shapes.flatMap((shape) => {
    const f = figures.get(shape.code);
    if (!f) return [];
    const value = areaValue(f, fill, year);
    let colour = NO_DATA_COLOUR;
    let valueText = 'no figure';
    if (value !== null && fill === 'gap') {
      colour = scales.gap(value);
      valueText = gapLabel(value);
    } else if (value !== null) {
      colour = scales.share(value);
      valueText = formatIntlPercent(value);
    }
    const pie =
      layers.supply && f.supplyPlaces > 0
        ? {
            x: shape.x,
            y: shape.y + Math.min(34, shape.innerRadius * 0.62),
            radius: radiusOf(f.supplyPlaces),
            slices: pieSlices(f.supply, radiusOf(f.supplyPlaces)),
          }
        : null;
    const badge =
      layers.distance && f.distance && !(fill === 'distance')
        ? {
            x: shape.x,
            y: shape.y - Math.min(36, shape.innerRadius * 0.62),
            text: `20+ mi ${formatIntlPercent(f.distance.share)}`,
          }
        : null;
    return [
      {
        ...shape,
        figures: f,
        value,
        fill: colour,
        textColour: textColourOn(colour),
        valueText,
        ariaLabel: areaLabel(f, fill, year),
        pie,
        badge,
        labelPlate: null,
      },
    ];
  });

  const legend = fill === 'gap' ? gapLegend(scales.gap, year) : shareLegend(scales.share, year);
  const supplyKey = [maxPlaces, Math.round(maxPlaces / 4)]
    .filter((p, i, all) => p > 0 && all.indexOf(p) === i)
    .map((places) => ({ places: niceRound(places), radius: radiusOf(niceRound(places)) }));

  let flows: MapPicture['flows'] = null;
  const flowPeriod = flowPeriodFor(data.flows, year.year);
  if (layers.flows && flowPeriod) {
    const positions = new Map(areas.map((a) => [a.code, [a.x, a.y] as [number, number]]));
    const layout = flowArcs(
      data.flows.filter((f) => f.period === flowPeriod),
      positions,
      { width: MAP_FRAME.width, height: MAP_FRAME.height, outsideAt: OUTSIDE_AT, maxWidth: 12, gap: 24 },
    );
    const focusArea = areas.find((a) => a.code === input.focus) ?? null;
    const { shown, outsideChildren } = shownFlows(layout, focusArea?.code ?? null);
    const shownNote = focusArea
      ? `Where ${focusArea.name}’s children are placed; select another authority to see its flows.`
      : shown.length < layout.arcs.length
        ? `The ${shown.length} largest of ${layout.arcs.length} flows; select an authority for all of its flows.`
        : 'Every flow.';
    flows = {
      ...layout,
      period: flowPeriod,
      illustrative: flowsIllustrative(data.flows, flowPeriod, data.sources),
      shown,
      shownNote,
      outsideChildren,
    };
  }

  const when = longDate(year.year);
  const title =
    fill === 'gap'
      ? year.kind === 'base'
        ? `Where children’s home places are short: ${when} (observed, year 0)`
        : `Where children’s home places will be short: ${when}`
      : `Children placed more than 20 miles from home: ${when}`;
  const subtitle =
    fill === 'gap' && year.kind === 'base'
      ? `${consortium}. Gap = children in homes (published) ÷ target occupancy − places the LA’s children can count on (Ofsted${baseSnapshot(projection) ? `, ${formatSnapshot(baseSnapshot(projection)!)}` : ''}); the projection’s year 0.`
      : fill === 'gap'
        ? `${consortium}. Gap = beds needed − places the LA’s children can count on; projected median (${projection?.method === 'manual' ? 'manual growth' : 'rate'} method, from ${projection?.baseYear ?? '—'}).`
        : year.kind === 'projection'
          ? `${consortium}. Share of children looked after; latest published figure, shown for a projected year.`
          : `${consortium}. Share of children looked after on 31 March (published).`;

  // With flows on, each label sits on a plate drawn above the arrows (see MapArea.labelPlate).
  const drawnAreas = flows ? areas.map((a) => ({ ...a, labelPlate: labelBox(a) })) : areas;

  const supplyPeriod = areas.find((a) => a.figures.supplyPeriod)?.figures.supplyPeriod ?? null;
  const legendLayout = layoutLegend({
    legend,
    supplyKey: layers.supply ? supplyKey : [],
    supplyPeriod,
    badges: areas.some((a) => a.badge),
    flows,
  });
  const mapBottom = Math.max(
    MAP_FRAME.y + 40,
    ...areas.map((a) => MAP_FRAME.y + a.bounds[1][1]),
    flows?.outside ? MAP_FRAME.y + OUTSIDE_AT[1] + 64 : 0,
  );
  const lines = sourceLines(summary, data, geometry.kind, layers, fill, projection, flows?.period ?? null, year);
  const footerY = Math.ceil(Math.max(mapBottom, legendLayout.bottom) + 18);
  return {
    title,
    subtitle,
    fill,
    fillNote,
    areas: drawnAreas,
    legend,
    supplyKey: layers.supply ? supplyKey : [],
    flows,
    sourceLines: lines,
    legendItems: legendLayout.items,
    footerY,
    height: footerY + 20 + lines.length * LINE.footer,
  };
}

function niceRound(n: number): number {
  if (n <= 10) return Math.max(1, Math.round(n));
  const power = 10 ** Math.floor(Math.log10(n));
  return Math.round(n / (power / 2)) * (power / 2);
}

function pieSlices(supply: AreaFigures['supply'], radius: number): PieSlice[] {
  const layout = pie<AreaFigures['supply'][number]>()
    .value((s) => s.places)
    .sort(null)(supply);
  return layout.map((slice) => ({
    group: slice.data.group,
    colour: supplyColours[slice.data.group],
    places: slice.data.places,
    path: pieArc.innerRadius(0).outerRadius(radius)({ ...slice, padAngle: 0 }) ?? '',
  }));
}
