/**
 * Colour scales for the map, colour-blind safe (ColorBrewer PuOr and Blues): a diverging scale for
 * the bed gap with zero exactly at the neutral midpoint — orange where beds are short, purple where
 * there are places to spare — and a single-hue sequential scale for shares.
 */
import { interpolateBlues, interpolatePuOr, scaleDiverging, scaleSequential, ticks, type ScaleDiverging } from 'd3';

/** The colour of a gap of zero: PuOr's midpoint, a warm near-white. */
export const NEUTRAL_COLOUR = interpolatePuOr(0.5);
/** Areas with no figure: a mid grey that no scale uses. */
export const NO_DATA_COLOUR = '#c4c9d0';

/** A "nice" upper bound for a symmetric scale (1, 2, 2.5, 5 × 10ⁿ), never below 1. */
export function niceMaxAbs(maxAbs: number): number {
  const m = Math.abs(maxAbs);
  if (!Number.isFinite(m) || m <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(m));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= m) return step * power;
  return 10 * power;
}

/**
 * Gap (beds needed − accessible places) → colour, over a symmetric domain [−m, 0, m] where m is
 * `maxAbs` rounded up to a nice number: positive (short) is orange, negative (spare) purple, and 0
 * is exactly the midpoint colour. Values beyond ±m take the end colours.
 */
export function gapColourScale(maxAbs: number): ScaleDiverging<string> {
  const m = niceMaxAbs(maxAbs);
  return (
    scaleDiverging<string>()
      .domain([-m, 0, m])
      // PuOr runs purple (0) → orange (1): surplus purple, shortfall orange.
      .interpolator(interpolatePuOr)
      .clamp(true)
  );
}

export interface LegendTick {
  value: number;
  label: string;
  colour: string;
  /** Position along the legend bar, 0 (left) to 1 (right). */
  offset: number;
}

/**
 * Ticks for a legend bar over the scale's domain: evenly spaced nice values, zero always included
 * when the domain crosses it, each with its colour and position. `format` writes the label.
 */
export function legendTicks(
  scale: { domain(): number[]; (value: number): string },
  count = 5,
  format: (value: number) => string = (v) => String(v),
): LegendTick[] {
  const domain = scale.domain();
  const lo = Math.min(...domain);
  const hi = Math.max(...domain);
  const values = ticks(lo, hi, count);
  if (lo < 0 && hi > 0 && !values.includes(0)) values.push(0);
  values.sort((a, b) => a - b);
  return values.map((value) => ({
    value,
    label: format(value),
    colour: scale(value),
    offset: hi === lo ? 0.5 : (value - lo) / (hi - lo),
  }));
}

/** Colour stops for a gradient drawing the whole scale (for an SVG linearGradient). */
export function gradientStops(
  scale: { domain(): number[]; (value: number): string },
  steps = 16,
): { offset: number; colour: string }[] {
  const domain = scale.domain();
  const lo = Math.min(...domain);
  const hi = Math.max(...domain);
  return Array.from({ length: steps + 1 }, (_, i) => ({
    offset: i / steps,
    colour: scale(lo + ((hi - lo) * i) / steps),
  }));
}

/** Share (0 to `max`, e.g. 0 to 0.5) → light to dark blue. */
export function shareColourScale(max: number) {
  const top = max > 0 ? max : 1;
  return scaleSequential<string>().domain([0, top]).interpolator(interpolateBlues).clamp(true);
}

/** Black or white text, whichever reads better on the fill (WCAG relative luminance). */
export function textColourOn(fill: string): '#1b2430' | '#ffffff' {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(fill) ?? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return '#1b2430';
  const channels = fill.startsWith('#')
    ? [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16))
    : [Number(m[1]), Number(m[2]), Number(m[3])];
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // Contrast with white (1.05 / (L + 0.05)) against contrast with dark text (≈ (L + 0.05) / 0.066).
  return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.066 ? '#ffffff' : '#1b2430';
}
