/**
 * Pure preparation of the Map view: d3 and shared/geo compute the geometry, colours, symbols, flows
 * and words; MapSvg renders them. Nothing here touches the DOM, so the same picture is drawn on
 * screen and exported.
 */
import { arc, pie, type ScaleDiverging, type ScaleSequential } from 'd3';
import type { MapData } from '../../../../shared/api/contract.js';
import { wrapText as wrap } from '../../charts/chartExport';
import type { BasePosition } from '../../../../shared/forecast/basePosition.js';
import type { Percentiles, ProjectionResult, YearProjection } from '../../../../shared/forecast/types.js';
import {
  NO_DATA_COLOUR,
  boundaryPaths,
  fitProjection,
  flowArcs,
  flowPeriodFor,
  gapColourScale,
  gradientStops,
  hexLayoutFromCentroids,
  hexPaths,
  legendTicks,
  placementBreakdown,
  shareColourScale,
  textColourOn,
  toBoundaryFeature,
  type AreaShape,
  type BoundaryFeature,
  type FlowArc,
  type FlowLayout,
  type LegendTick,
} from '../../../../shared/geo/index.js';
import type { Source } from '../../../../shared/model/dataset.js';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '../../../../shared/model/placements.js';
import type { AreaSummary, PlanSummary } from '../../../../shared/model/summary.js';
import type { HomeSector } from '../../../../shared/model/supply.js';
import { formatSnapshot } from '../../../../shared/model/dates.js';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { formatIntlPercent } from '../../format/shares';

/** The picture's coordinate system (the SVG viewBox): 1000 wide, as tall as its content; exports keep it, scaled. */
export const MAP_WIDTH = 1000;
/** Where the map itself sits inside the picture; the legend is to its right, sources below. */
export const MAP_FRAME = { x: 20, y: 100, width: 672, height: 560 } as const;
export const LEGEND_X = 780;
const LEGEND_TOP = 116;
const LINE = { heading: 17, text: 15, footer: 14 } as const;
/** The outside-the-consortium node, in map-frame coordinates: in the gutter right of the map. */
export const OUTSIDE_AT: [number, number] = [MAP_FRAME.width + 52, MAP_FRAME.height / 2];

export type GeometryKind = 'hex' | 'boundaries';
export type FillMeasure = 'gap' | 'distance';

export interface MapLayers {
  /** What colours the areas: the projected bed gap, or the published share placed 20+ miles away. */
  fill: FillMeasure;
  supply: boolean;
  flows: boolean;
  distance: boolean;
}

export const defaultLayers: MapLayers = { fill: 'gap', supply: true, flows: false, distance: true };

// ---------- Geometry ----------

export interface MapShape extends AreaShape {
  name: string;
}

export interface MapGeometry {
  kind: GeometryKind;
  /** In reading order: north to south, then west to east (the keyboard's tab order). */
  shapes: MapShape[];
  /** Members that could not be placed, by name. */
  missing: string[];
}

/** Member authorities: from the map data, else the summary's members. */
function memberAreas(data: MapData) {
  return data.areas.filter((a) => a.isMember);
}

/**
 * One shape per member LA in the map frame: the imported boundaries when chosen and present for
 * every member, else the imported hex layout, else a hex layout generated from the LAs' centroids.
 */
export function buildGeometry(data: MapData, kind: GeometryKind): MapGeometry {
  const members = memberAreas(data);
  const names = new Map(members.map((a) => [a.code, a.name]));
  const { width, height } = MAP_FRAME;
  let shapes: MapShape[];
  let usedKind: GeometryKind = 'hex';
  const features: BoundaryFeature[] = [];
  if (kind === 'boundaries' && data.boundaries) {
    for (const f of data.boundaries.features) {
      if (!names.has(f.code)) continue;
      const feature = toBoundaryFeature(f);
      if (feature) features.push({ ...feature, name: names.get(f.code) ?? f.name });
    }
  }
  if (features.length > 0) {
    usedKind = 'boundaries';
    shapes = boundaryPaths(features, fitProjection(features, width, height, 12));
    // Fitted to the width, the map may not need the full height: fit again to its own height (top-aligned).
    const used = Math.ceil(
      Math.max(...shapes.map((s) => s.bounds[1][1])) - Math.min(...shapes.map((s) => s.bounds[0][1])),
    );
    if (used + 24 < height) shapes = boundaryPaths(features, fitProjection(features, width, used + 24, 12));
  } else {
    const cells =
      data.hexLayout?.filter((h) => names.has(h.code)) ??
      hexLayoutFromCentroids(
        members.flatMap((a) =>
          a.centroidLat !== null && a.centroidLon !== null
            ? [{ code: a.code, lat: a.centroidLat, lon: a.centroidLon }]
            : [],
        ),
      );
    let hexes = hexPaths(cells, width, height, { padding: 8, inset: 0.97 });
    const used = hexes.length
      ? Math.ceil(Math.max(...hexes.map((s) => s.bounds[1][1])) - Math.min(...hexes.map((s) => s.bounds[0][1])))
      : height;
    if (used + 16 < height) hexes = hexPaths(cells, width, used + 16, { padding: 8, inset: 0.97 });
    shapes = hexes.map((s) => ({ ...s, name: names.get(s.code) ?? s.code }));
  }
  const placed = new Set(shapes.map((s) => s.code));
  const rowHeight = Math.max(1, median(shapes.map((s) => s.innerRadius)));
  shapes.sort((a, b) => Math.round(a.y / rowHeight) - Math.round(b.y / rowHeight) || a.x - b.x);
  return {
    kind: usedKind,
    shapes,
    missing: members.filter((a) => !placed.has(a.code)).map((a) => a.name),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The shape nearest in a direction (arrow-key navigation across the map); null at the edge. */
export function shapeInDirection(
  shapes: readonly MapShape[],
  from: string,
  direction: 'left' | 'right' | 'up' | 'down',
): string | null {
  const origin = shapes.find((s) => s.code === from);
  if (!origin) return null;
  let best: { code: string; score: number } | null = null;
  for (const s of shapes) {
    if (s.code === from) continue;
    const dx = s.x - origin.x;
    const dy = s.y - origin.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) continue;
    const score = along + 2 * across;
    if (!best || score < best.score) best = { code: s.code, score };
  }
  return best?.code ?? null;
}

// ---------- Years ----------

/**
 * A year on the slider: one of published figures only ('history'), the base year ('base': year 0,
 * the latest observed position by the projection's own definitions, with a gap), or a projected year.
 */
export interface MapYear {
  year: string;
  kind: 'history' | 'base' | 'projection';
}

const historyMeasures = ['childrenInChildrensHomes', 'placedOver20Miles', 'childrenLookedAfter'] as const;

/**
 * History years (published figures), the base year (year 0, observed, when the projection carries
 * it), then the projection's years; the default is the horizon's last year.
 */
export function mapYears(
  summary: PlanSummary,
  projection: ProjectionResult | null,
): { years: MapYear[]; defaultIndex: number } {
  const projected = projection?.years ?? [];
  const firstProjected = projected[0] ?? '9999';
  const history = new Set<string>();
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    for (const m of historyMeasures) {
      for (const p of a.history[m] ?? [])
        if (/^\d{4}$/.test(p.period) && p.period < firstProjected) history.add(p.period);
    }
  }
  const baseYear = projection && projection.areas.some((a) => a.base) ? projection.baseYear : null;
  if (baseYear) history.add(baseYear);
  const years: MapYear[] = [
    ...[...history]
      .sort()
      .map((year) => ({ year, kind: year === baseYear ? ('base' as const) : ('history' as const) })),
    ...projected.map((year) => ({ year, kind: 'projection' as const })),
  ];
  return { years, defaultIndex: Math.max(0, years.length - 1) };
}

// ---------- Figures per area and year ----------

export type SupplyGroup = 'LA-run' | 'Private' | 'Voluntary and other';
export const supplyGroups: readonly SupplyGroup[] = ['LA-run', 'Private', 'Voluntary and other'];
export const supplyColours: Record<SupplyGroup, string> = {
  'LA-run': '#00695c',
  Private: '#3d4451',
  'Voluntary and other': '#a9b2bd',
};

function supplyGroupOf(sector: HomeSector): SupplyGroup {
  return sector === 'Local Authority' ? 'LA-run' : sector === 'Private' ? 'Private' : 'Voluntary and other';
}

export interface DistanceFigure {
  /** Children placed more than 20 miles from home ÷ children looked after, same 31 March. */
  share: number;
  over20: number;
  childrenLookedAfter: number;
  period: string;
  sources: string[];
}

export interface AreaFigures {
  code: string;
  name: string;
  /** The projected year's figures; null for a history or base year or when there is no projection. */
  projected: YearProjection | null;
  /** Year 0 (observed) by the projection's definitions, in the base year only; null otherwise. */
  base: BasePosition | null;
  /** The first projected year's accessible places, shown with supply in history years. */
  accessiblePlacesNow: number | null;
  /** Published share placed 20+ miles away for the year, or the latest one for a projected year. */
  distance: DistanceFigure | null;
  /** Latest Ofsted snapshot of children's home places, by sector group. */
  supply: { group: SupplyGroup; places: number; homes: number }[];
  supplyPeriod: string | null;
  supplyPlaces: number;
  supplySources: string[];
  /** Where the LA's children are placed, from flows at the flow period. */
  placements: { own: number; consortium: number; outside: number; total: number } | null;
  /** Observed children in children's homes, and the projected median, for the trend. */
  trend: { period: string; value: number | null }[];
  /** Projected gap median per projected year. */
  gapTrend: { period: string; value: number | null }[];
  historySources: string[];
}

function latestDistance(area: AreaSummary, year: string, exact: boolean): DistanceFigure | null {
  const over = area.history.placedOver20Miles ?? [];
  const cla = new Map((area.history.childrenLookedAfter ?? []).map((p) => [p.period, p]));
  const candidates = over
    .filter((p) => p.value !== null && (exact ? p.period === year : p.period <= year))
    .sort((a, b) => (a.period < b.period ? 1 : -1));
  for (const p of candidates) {
    const d = cla.get(p.period);
    if (d?.value) {
      return {
        share: p.value! / d.value,
        over20: p.value!,
        childrenLookedAfter: d.value,
        period: p.period,
        sources: [...new Set([p.source, d.source])],
      };
    }
  }
  return null;
}

export function areaFigures(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  flows: readonly PlacementFlow[],
  year: MapYear,
): Map<string, AreaFigures> {
  const members = summary.authorities.filter((a) => a.isMember);
  const memberCodes = new Set(members.map((a) => a.code));
  const flowPeriod = flowPeriodFor(flows, year.year);
  const periodFlows = flows.filter((f) => f.period === flowPeriod);
  const result = new Map<string, AreaFigures>();
  for (const a of members) {
    const p = projection?.areas.find((x) => x.code === a.code) ?? null;
    const projected = year.kind === 'projection' ? (p?.years.find((y) => y.year === year.year) ?? null) : null;
    const supplyPeriod =
      a.supplyBySector
        .map((s) => s.period)
        .sort()
        .at(-1) ?? null;
    const supplyRows = a.supplyBySector.filter((s) => s.period === supplyPeriod);
    const supply = supplyGroups
      .map((group) => {
        const rows = supplyRows.filter((s) => supplyGroupOf(s.sector) === group);
        return {
          group,
          places: rows.reduce((t, s) => t + s.registeredPlaces, 0),
          homes: rows.reduce((t, s) => t + s.homes, 0),
        };
      })
      .filter((s) => s.places > 0);
    const history = a.history.childrenInChildrensHomes ?? [];
    const trend = [
      ...history.filter((h) => /^\d{4}$/.test(h.period)).map((h) => ({ period: h.period, value: h.value })),
      ...(p?.years ?? []).map((y) => ({ period: y.year, value: Math.round(y.demand.p50) })),
    ];
    const placements = flowPeriod ? placementBreakdown(periodFlows, a.code, memberCodes) : null;
    result.set(a.code, {
      code: a.code,
      name: a.name,
      projected,
      base: year.kind === 'base' ? (p?.base ?? null) : null,
      accessiblePlacesNow: p?.years[0]?.accessiblePlaces ?? null,
      distance: latestDistance(a, year.year, year.kind !== 'projection'),
      supply,
      supplyPeriod,
      supplyPlaces: supply.reduce((t, s) => t + s.places, 0),
      supplySources: [...new Set(supplyRows.flatMap((s) => s.sources))],
      placements: placements && placements.total > 0 ? placements : null,
      trend,
      gapTrend: (p?.years ?? []).map((y) => ({ period: y.year, value: Math.round(y.gap.p50) })),
      historySources: [
        ...new Set(
          [...history, ...(a.history.placedOver20Miles ?? []), ...(a.history.childrenLookedAfter ?? [])].map(
            (h) => h.source,
          ),
        ),
      ],
    });
  }
  return result;
}

// ---------- Words ----------

const beds = (n: number) => `${formatWholeNoNegativeZero(n)} ${Math.round(n) === 1 ? 'bed' : 'beds'}`;

/** "short by 43 beds", "12 beds to spare", "no gap". */
export function gapPhrase(gap: number): string {
  const r = Math.round(gap);
  if (r > 0) return `short by ${beds(r)}`;
  if (r < 0) return `${beds(-r)} to spare`;
  return 'no gap';
}

/** The label written on the map: "43 short", "12 spare", "even". */
export function gapLabel(gap: number): string {
  const r = Math.round(gap);
  return r > 0 ? `${formatWholeNoNegativeZero(r)} short` : r < 0 ? `${formatWholeNoNegativeZero(-r)} spare` : 'even';
}

/** The 80% range (P10 to P90) in the headline's own terms: "20 to 66", "5 to 30 to spare", "from 4 to spare to 9 short". */
export function gapRange(p: Percentiles): string {
  const lo = Math.round(p.p10);
  const hi = Math.round(p.p90);
  const mid = Math.round(p.p50);
  if (lo >= 0 && mid >= 0) return `${formatWholeNoNegativeZero(lo)} to ${formatWholeNoNegativeZero(hi)}`;
  if (hi <= 0 && mid <= 0) return `${formatWholeNoNegativeZero(-hi)} to ${formatWholeNoNegativeZero(-lo)} to spare`;
  const side = (v: number) =>
    v > 0 ? `${formatWholeNoNegativeZero(v)} short` : v < 0 ? `${formatWholeNoNegativeZero(-v)} to spare` : 'none';
  return `from ${side(lo)} to ${side(hi)}`;
}

/** "2023-03-31" → "31 March 2023"; "2025" → "31 March 2025". */
export { formatSnapshot };

/** How a slider year is read: "published", "observed (year 0)" or "projected". */
export function yearKindWords(year: MapYear): string {
  return year.kind === 'projection' ? 'projected' : year.kind === 'base' ? 'observed (year 0)' : 'published';
}

export function longDate(year: string): string {
  return `31 March ${year}`;
}

/** The accessible name of an area on the map, with its value. */
export function areaLabel(f: AreaFigures, mode: FillMeasure, year: MapYear): string {
  if (mode === 'gap' && year.kind === 'base') {
    const b = f.base;
    if (!b || b.gap === null) return `${f.name}: no observed gap for ${year.year}`;
    return `${f.name}: ${gapPhrase(b.gap)} on ${longDate(b.year)}, observed (year 0): ${formatWholeNoNegativeZero(b.children ?? 0)} children, ${formatWholeNoNegativeZero(b.places.accessible)} accessible places`;
  }
  if (mode === 'gap') {
    if (!f.projected) return `${f.name}: no projected gap for ${year.year}`;
    return `${f.name}: ${gapPhrase(f.projected.gap.p50)} in ${year.year} (80% range ${gapRange(f.projected.gap)})`;
  }
  if (!f.distance) return `${f.name}: no published figure for children placed more than 20 miles away in ${year.year}`;
  const d = f.distance;
  return `${f.name}: ${formatIntlPercent(d.share)} of children looked after placed more than 20 miles from home on ${longDate(d.period)} (${formatWholeNoNegativeZero(d.over20)} of ${formatWholeNoNegativeZero(d.childrenLookedAfter)})`;
}

/** The latest supply snapshot behind the members' year-0 places, e.g. "2023-03-31"; null without one. */
function baseSnapshot(projection: ProjectionResult | null): string | null {
  const snapshots = (projection?.areas ?? []).flatMap((a) => (a.base?.places.snapshot ? [a.base.places.snapshot] : []));
  return snapshots.sort().at(-1) ?? null;
}

/**
 * What the base year (year 0) on the map is drawn from, in words: observed children as published
 * (their sources), places at the supply snapshot, and the placement flows' period; null for any
 * other year or without a projection carrying year 0.
 */
export function baseYearSourceNote(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  year: MapYear,
  sources: ReadonlyMap<string, Source>,
): string | null {
  if (year.kind !== 'base' || !projection) return null;
  const bases = projection.areas.flatMap((a) => (a.base ? [a.base] : []));
  if (bases.length === 0) return null;
  const childSources = new Set<string>();
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    for (const p of a.history.childrenInChildrensHomes ?? []) if (p.period === year.year) childSources.add(p.source);
  }
  const named = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => sources.get(id))
      .filter((s): s is Source => s !== undefined)
      .map((s) => `${s.publisher}${s.illustrative ? ' (illustrative)' : ''}`)
      .filter((t, i, all) => all.indexOf(t) === i)
      .join(', ');
  const childWho = named(childSources);
  const snapshot = baseSnapshot(projection);
  const moved = bases.some((b) => b.places.movedOn);
  const flowPeriods = [...new Set(bases.flatMap((b) => (b.placedWhere ? [b.placedWhere.period] : [])))].sort();
  const flowWho = named(new Set(bases.flatMap((b) => b.placedWhere?.sources ?? [])));
  const parts = [
    `children in secure and children’s homes on ${longDate(year.year)} as published${childWho ? ` (${childWho})` : ''}`,
    `places by sector from Ofsted${snapshot ? `, ${formatSnapshot(snapshot)}` : ''}${moved ? `, moved on to ${year.year} by openings and closures` : ''}`,
    flowPeriods.length > 0
      ? `where children were placed from the placement flows, ${flowPeriods.map(longDate).join(' and ')}${flowWho ? ` (${flowWho})` : ''}`
      : 'no placement flows for where children were placed',
  ];
  return `Observed, year 0 (the projection’s base year): ${parts.join('; ')}.`;
}

// ---------- Scales ----------

export interface MapScales {
  gap: ScaleDiverging<string>;
  share: ScaleSequential<string>;
}

/** Scales fixed over every year (so colours compare across the slider), from the largest values. */
export function mapScales(summary: PlanSummary, projection: ProjectionResult | null): MapScales {
  const maxGap = Math.max(
    0,
    ...(projection?.areas ?? []).flatMap((a) => [
      ...a.years.map((y) => Math.abs(y.gap.p50)),
      ...(a.base?.gap != null ? [Math.abs(a.base.gap)] : []),
    ]),
  );
  let maxShare = 0;
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    const cla = new Map((a.history.childrenLookedAfter ?? []).map((p) => [p.period, p.value]));
    for (const p of a.history.placedOver20Miles ?? []) {
      const d = cla.get(p.period);
      if (p.value !== null && d) maxShare = Math.max(maxShare, p.value / d);
    }
  }
  // Shares rounded up to the next 5 percentage points.
  const shareTop = Math.max(0.05, Math.ceil(maxShare * 20) / 20);
  return { gap: gapColourScale(maxGap), share: shareColourScale(shareTop) };
}

// ---------- The picture ----------

export interface PieSlice {
  group: SupplyGroup;
  path: string;
  colour: string;
  places: number;
}

export interface MapArea extends MapShape {
  figures: AreaFigures;
  /** The value coloured (gap median or share), null when there is none. */
  value: number | null;
  fill: string;
  textColour: string;
  valueText: string;
  ariaLabel: string;
  pie: { x: number; y: number; radius: number; slices: PieSlice[] } | null;
  badge: { x: number; y: number; text: string } | null;
  /**
   * With flows on: a plate in the area's colour behind its name and value, drawn over the arrows so
   * the name stays readable where arrows cross or end under it; null when no flows are drawn.
   */
  labelPlate: LabelBox | null;
}

/** A box on the map, in map-frame pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Type sizes of an area's label (MapSvg draws them): the name bold above the point, the value below. */
export const AREA_LABEL = { nameSize: 14, valueSize: 13, nameBaseline: -4, valueBaseline: 13 } as const;

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

export interface LegendModel {
  title: string;
  units: string;
  stops: { offset: number; colour: string }[];
  ticks: LegendTick[];
  /** Words at either end of the bar, e.g. "spare" and "short". */
  ends: [string, string] | null;
}

export interface MapPicture {
  title: string;
  subtitle: string;
  /** The measure the colours show (the bed gap cannot be shown for a history year). */
  fill: FillMeasure;
  /** Why the colours do not show what was asked, in words; null when they do. */
  fillNote: string | null;
  areas: MapArea[];
  legend: LegendModel;
  supplyKey: { places: number; radius: number }[];
  flows: MapFlows | null;
  sourceLines: string[];
  /** The legend, laid out: items at x = 0 of the legend column. */
  legendItems: LegendItem[];
  /** Where the rule above the source line sits, and the picture's height. */
  footerY: number;
  height: number;
}

/** Every flow laid out (totals conserved), and the ones drawn: the chosen LA's, or the largest. */
export interface MapFlows extends FlowLayout {
  period: string;
  illustrative: boolean;
  shown: FlowArc[];
  /** Children in the drawn arrows to the outside node (all members' when none is chosen); 0: no node. */
  outsideChildren: number;
  /** What is drawn, in words, e.g. "The 16 largest of 98 flows; select an authority for all of its flows". */
  shownNote: string;
}

/** With no LA chosen, only this many of the largest flows are drawn (all of them would hide the map). */
export const FLOWS_SHOWN_UNSELECTED = 16;

export type LegendItem =
  | { kind: 'heading'; y: number; text: string }
  | { kind: 'text'; y: number; text: string }
  | { kind: 'bar'; y: number; width: number; ticks: LegendTick[]; ends: [string, string] | null }
  | { kind: 'swatch'; y: number; colour: string; label: string }
  | { kind: 'circle'; y: number; cx: number; radius: number; label: string }
  | { kind: 'badge'; y: number; text: string }
  | { kind: 'arrow'; y: number; width: number; label: string };

export interface PictureInput {
  summary: PlanSummary;
  projection: ProjectionResult | null;
  data: MapData;
  geometry: MapGeometry;
  year: MapYear;
  layers: MapLayers;
  scales: MapScales;
  /** The LA whose panel is open: its flows are the ones drawn. */
  focus?: string | null;
}

const pieArc = arc<{ startAngle: number; endAngle: number; padAngle: number }>();

export function buildMapPicture(input: PictureInput): MapPicture {
  const { summary, projection, data, geometry, year, layers, scales } = input;
  const figures = areaFigures(summary, projection, data.flows, year);
  const consortium = summary.consortium.name;

  let fill: FillMeasure = layers.fill;
  let fillNote: string | null = null;
  if (fill === 'gap' && year.kind === 'base' && ![...figures.values()].some((f) => f.base?.gap != null)) {
    fill = 'distance';
    fillNote = `No member has an observed number of children in homes for ${year.year}, so there is no year-0 gap: the colours show the share of children placed more than 20 miles from home instead.`;
  } else if (fill === 'gap' && year.kind === 'history') {
    fill = 'distance';
    fillNote = `The bed gap is projected, so there is none for ${year.year}, a year of published figures: the colours show the share of children placed more than 20 miles from home instead.`;
  } else if (fill === 'gap' && !projection) {
    fill = 'distance';
    fillNote =
      'There is no projection for this plan yet, so the colours show the share placed more than 20 miles from home.';
  }

  // Supply symbols: area ∝ places, the largest at most 18 px and within every shape.
  const maxPlaces = Math.max(1, ...[...figures.values()].map((f) => f.supplyPlaces));
  const smallest = Math.min(...geometry.shapes.map((s) => s.innerRadius));
  const maxRadius = Math.max(6, Math.min(18, smallest * 0.42));
  const radiusOf = (places: number) => maxRadius * Math.sqrt(places / maxPlaces);

  const areas: MapArea[] = geometry.shapes.flatMap((shape) => {
    const f = figures.get(shape.code);
    if (!f) return [];
    let value: number | null = null;
    let colour = NO_DATA_COLOUR;
    let valueText = 'no figure';
    const gapValue = year.kind === 'base' ? (f.base?.gap ?? null) : (f.projected?.gap.p50 ?? null);
    if (fill === 'gap' && gapValue !== null) {
      value = gapValue;
      colour = scales.gap(value);
      valueText = gapLabel(value);
    } else if (fill === 'distance' && f.distance) {
      value = f.distance.share;
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
    const flowSources = new Set(data.flows.filter((f) => f.period === flowPeriod).map((f) => f.source));
    const focusArea = areas.find((a) => a.code === input.focus) ?? null;
    const shown = focusArea
      ? layout.arcs.filter((a) => a.placing === focusArea.code)
      : layout.arcs.slice(0, FLOWS_SHOWN_UNSELECTED);
    const shownNote = focusArea
      ? `Where ${focusArea.name}’s children are placed; select another authority to see its flows.`
      : shown.length < layout.arcs.length
        ? `The ${shown.length} largest of ${layout.arcs.length} flows; select an authority for all of its flows.`
        : 'Every flow.';
    flows = {
      ...layout,
      period: flowPeriod,
      illustrative: data.sources.some((s) => flowSources.has(s.id) && s.illustrative),
      shown,
      shownNote,
      outsideChildren: focusArea
        ? shown.filter((a) => a.host === OUTSIDE_CONSORTIUM).reduce((t, a) => t + a.children, 0)
        : (layout.outside?.children ?? 0),
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

function gapLegend(scale: ScaleDiverging<string>, year: MapYear): LegendModel {
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

function shareLegend(scale: ScaleSequential<string>, year: MapYear): LegendModel {
  return {
    title: `Placed 20+ miles away${year.kind === 'history' ? `, ${longDate(year.year)}` : ''}`,
    units: 'Per cent of children looked after',
    stops: gradientStops(scale),
    ticks: legendTicks(scale, 4, (v) => formatIntlPercent(v)),
    ends: null,
  };
}

/** The source line: every source behind what is drawn, shortened, wrapped to fit the picture's width. */
function sourceLines(
  summary: PlanSummary,
  data: MapData,
  kind: GeometryKind,
  layers: MapLayers,
  fill: FillMeasure,
  projection: ProjectionResult | null,
  flowPeriod: string | null,
  year: MapYear,
): string[] {
  const byId = new Map([...summary.sources, ...data.sources].map((s) => [s.id, s]));
  const used = new Set<string>();
  const members = summary.authorities.filter((a) => a.isMember);
  for (const a of members) {
    const measuresUsed =
      fill === 'gap'
        ? (['childrenInChildrensHomes', 'population0to17'] as const)
        : (['placedOver20Miles', 'childrenLookedAfter'] as const);
    for (const m of measuresUsed) for (const p of a.history[m] ?? []) used.add(p.source);
    if (layers.distance) for (const p of a.history.placedOver20Miles ?? []) used.add(p.source);
    if (layers.supply || fill === 'gap') for (const s of a.supplyBySector) for (const id of s.sources) used.add(id);
  }
  if (layers.flows && flowPeriod) for (const f of data.flows) if (f.period === flowPeriod) used.add(f.source);
  if (year.kind === 'base')
    for (const a of projection?.areas ?? []) for (const id of a.base?.placedWhere?.sources ?? []) used.add(id);
  if (kind === 'boundaries' && data.boundaries) used.add(data.boundaries.sourceId);
  // The hex layout drawn: the imported one (its own source), else one generated from centroids.
  const hexSource =
    kind === 'hex' && data.hexLayout && data.hexLayoutSourceId ? byId.get(data.hexLayoutSourceId) : undefined;
  if (hexSource) used.add(hexSource.id);
  const centroidSource = hexSource
    ? undefined
    : [...byId.values()].find((s) => /boundar/i.test(s.id) || /boundar/i.test(s.title));
  if (kind === 'hex' && centroidSource) used.add(centroidSource.id);

  const parts: string[] = [];
  for (const id of used) {
    const s: Source | undefined = byId.get(id);
    if (!s) continue;
    const text = s.illustrative
      ? `${shortTitle(s.title, 60)} (illustrative, not published data)`
      : `${s.publisher}, ${shortTitle(s.title, 90)}`;
    if (!parts.includes(text)) parts.push(text);
  }
  const notes: string[] = [];
  if (fill === 'gap' && projection && year.kind === 'base') {
    const snapshot = baseSnapshot(projection);
    notes.push(
      `Year 0 (${year.year}): observed children in homes ÷ target occupancy less accessible places${snapshot ? ` at the Ofsted snapshot of ${formatSnapshot(snapshot)}` : ''}, by the projection’s definitions.`,
    );
  } else if (fill === 'gap' && projection) {
    notes.push(
      `Projection: Sufficiency Planner, ${projection.method === 'manual' ? 'manual growth' : 'rate'} method from ${projection.baseYear}${projection.simulations > 0 ? `, ${formatWholeNoNegativeZero(projection.simulations)} simulations` : ''}.`,
    );
  }
  notes.push(
    kind === 'hex'
      ? data.hexLayout
        ? `Hex layout imported${hexSource ? ` from ${hexSource.file || shortTitle(hexSource.title, 60)}` : ''} (one hexagon per authority; not to scale).`
        : 'Hex layout generated from LA centroids (one hexagon per authority; not to scale).'
      : 'Boundaries in a British National Grid projection.',
  );
  const licences = [...used].some((id) => byId.get(id)?.licence.includes('Open Government'))
    ? ' Open Government Licence v3.0.'
    : '';
  const os = kind === 'boundaries' || centroidSource ? ' Contains OS data © Crown copyright and database right.' : '';
  const text = `Sources: ${parts.join('; ')}. ${notes.join(' ')}${licences}${os}`;
  return wrap(text, 150);
}

/** A source title up to its first colon, bracket or "generated", at most `max` characters (whole words). */
export function shortTitle(title: string, max: number): string {
  const head = title.split(/[:(]|,? generated\b/)[0]!.trim();
  if (head.length <= max) return head;
  const cut = head.slice(0, max + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;]$/, '')}…`;
}

// ---------- The equivalent table ----------

export interface TableRow {
  code: string;
  name: string;
  cells: string[];
}

export const tableHeadings = [
  'Gap, median (beds)',
  'Gap, 80% range (P10 to P90)',
  'Beds needed, median',
  'Accessible places',
  'Registered places',
  'Placed 20+ miles away',
  'Placed in own council area / elsewhere in consortium / outside',
] as const;

export function tableRows(areas: readonly MapArea[], year: MapYear): TableRow[] {
  return [...areas]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((a) => {
      const f = a.figures;
      if (year.kind === 'base') return baseTableRow(a);
      const p = f.projected;
      const noGap = year.kind === 'history' ? 'not projected for a published year' : 'no projection';
      return {
        code: a.code,
        name: a.name,
        cells: [
          p ? `${gapPhrase(p.gap.p50)}` : noGap,
          p ? gapRange(p.gap) : '—',
          p
            ? `${formatWholeNoNegativeZero(p.bedsNeeded.p50)} (${formatWholeNoNegativeZero(p.bedsNeeded.p10)} to ${formatWholeNoNegativeZero(p.bedsNeeded.p90)})`
            : '—',
          p
            ? formatWholeNoNegativeZero(p.accessiblePlaces)
            : f.accessiblePlacesNow !== null
              ? formatWholeNoNegativeZero(f.accessiblePlacesNow)
              : '—',
          p
            ? formatWholeNoNegativeZero(p.registeredPlaces)
            : f.supplyPlaces
              ? formatWholeNoNegativeZero(f.supplyPlaces)
              : '—',
          f.distance ? `${formatIntlPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
          f.placements
            ? `${formatWholeNoNegativeZero(f.placements.own)} / ${formatWholeNoNegativeZero(f.placements.consortium)} / ${formatWholeNoNegativeZero(f.placements.outside)}`
            : 'no flow data',
        ],
      };
    });
}

/** A member's year-0 row: the observed gap, children ÷ occupancy, accessible and registered places by sector, where placed. */
function baseTableRow(a: MapArea): TableRow {
  const f = a.figures;
  const b = f.base;
  const w = b?.placedWhere ?? null;
  const places = b?.places;
  return {
    code: a.code,
    name: a.name,
    cells: [
      b?.gap != null ? `${gapPhrase(b.gap)} (observed)` : 'no observed children',
      'observed: no range',
      b?.bedsNeeded != null
        ? `${formatWholeNoNegativeZero(b.bedsNeeded)} (${formatWholeNoNegativeZero(b.children ?? 0)} children)`
        : '—',
      places ? formatWholeNoNegativeZero(places.accessible) : '—',
      places
        ? `${formatWholeNoNegativeZero(places.registered)} (LA-run ${formatWholeNoNegativeZero(places.laRun)}, contracted ${formatWholeNoNegativeZero(places.contracted)}, private and voluntary ${formatWholeNoNegativeZero(places.openMarket)})`
        : '—',
      f.distance ? `${formatIntlPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
      w
        ? `${formatWholeNoNegativeZero(w.ownLa)} / ${formatWholeNoNegativeZero(w.elsewhereInConsortium)} / ${formatWholeNoNegativeZero(w.outside)} (${longDate(w.period)})`
        : f.placements
          ? `${formatWholeNoNegativeZero(f.placements.own)} / ${formatWholeNoNegativeZero(f.placements.consortium)} / ${formatWholeNoNegativeZero(f.placements.outside)}`
          : 'no flow data',
    ],
  };
}

/** Greedy word wrap at a number of characters (the charts' wrapText). */
export { wrap };
