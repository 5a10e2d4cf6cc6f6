import { color, interpolateBlues, interpolatePuOr } from 'd3';
import { describe, expect, it } from 'vitest';
import {
  NEUTRAL_COLOUR,
  NO_DATA_COLOUR,
  gapColourScale,
  gradientStops,
  legendTicks,
  niceMaxAbs,
  shareColourScale,
  textColourOn,
} from '#shared/geo/index.js';

describe('gapColourScale', () => {
  it('maps a gap of zero to the neutral midpoint of the diverging palette, whatever the range', () => {
    for (const maxAbs of [0, 0.4, 7, 43, 150, 1234]) {
      const scale = gapColourScale(maxAbs);
      expect(scale(0)).toBe(NEUTRAL_COLOUR);
      expect(scale(0)).toBe(interpolatePuOr(0.5));
    }
  });

  it('maps a known gap to its place on the scale: short is orange, spare is purple', () => {
    const scale = gapColourScale(43); // domain rounded to ±50
    expect(scale.domain()).toEqual([-50, 0, 50]);
    expect(scale(43)).toBe(interpolatePuOr(0.5 + 43 / 100));
    expect(scale(-20)).toBe(interpolatePuOr(0.5 - 20 / 100));
    const short = color(scale(43))!.rgb();
    const spare = color(scale(-43))!.rgb();
    expect(short.r).toBeGreaterThan(short.b); // orange-brown
    expect(spare.b).toBeGreaterThan(spare.g); // purple
  });

  it('is symmetric about zero and clamps beyond its domain', () => {
    const scale = gapColourScale(100);
    expect(scale(1000)).toBe(scale(100));
    expect(scale(-1000)).toBe(scale(-100));
    expect(scale(100)).toBe(interpolatePuOr(1));
    expect(scale(-100)).toBe(interpolatePuOr(0));
  });

  it('rounds the domain up to a nice number', () => {
    expect([0, 1, 3, 43, 120, 150, 240, 999].map(niceMaxAbs)).toEqual([1, 1, 5, 50, 200, 200, 250, 1000]);
  });
});

describe('legendTicks and gradientStops', () => {
  it('puts zero in the middle of the legend in the neutral colour, with units in the labels', () => {
    const scale = gapColourScale(43);
    const ticks = legendTicks(scale, 4, (v) => `${v} beds`);
    expect(ticks.map((t) => t.value)).toEqual([-40, -20, 0, 20, 40]);
    const zero = ticks.find((t) => t.value === 0)!;
    expect(zero.offset).toBe(0.5);
    expect(zero.colour).toBe(NEUTRAL_COLOUR);
    expect(zero.label).toBe('0 beds');
    for (const t of ticks) expect(t.colour).toBe(scale(t.value));
    expect(ticks[0]!.offset).toBeCloseTo(0.1);
  });

  it('always includes zero when the domain crosses it', () => {
    const odd = Object.assign((v: number) => String(v), { domain: () => [-7, 0, 3] });
    expect(legendTicks(odd, 2).map((t) => t.value)).toContain(0);
  });

  it('draws the whole scale as gradient stops, end to end', () => {
    const scale = gapColourScale(10);
    const stops = gradientStops(scale, 4);
    expect(stops.map((s) => s.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stops[2]!.colour).toBe(NEUTRAL_COLOUR);
  });
});

describe('shareColourScale and textColourOn', () => {
  it('runs light to dark blue from 0 to the maximum', () => {
    const scale = shareColourScale(0.2);
    expect(scale(0)).toBe(interpolateBlues(0));
    expect(scale(0.2)).toBe(interpolateBlues(1));
    expect(scale(0.1)).toBe(interpolateBlues(0.5));
  });

  it('chooses dark text on light fills and white on dark ones', () => {
    expect(textColourOn(NEUTRAL_COLOUR)).toBe('#1b2430');
    expect(textColourOn(NO_DATA_COLOUR)).toBe('#1b2430');
    expect(textColourOn(interpolatePuOr(0))).toBe('#ffffff');
    expect(textColourOn(interpolatePuOr(1))).toBe('#ffffff');
    expect(textColourOn('#ffffff')).toBe('#1b2430');
  });
});
