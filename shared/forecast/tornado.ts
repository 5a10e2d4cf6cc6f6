/**
 * The one sensitivity engine (one-way sensitivity, as the Green Book asks): each input at the low and
 * high ends of its stated range with everything else at the plan's values, the answer worked out at
 * each end, bars ordered by how far they move it (largest swing first), and a sentence saying which
 * input drives the answer. The projection's gap tornado (./assumptionUncertainty.ts) and a
 * scenario's gap and cost tornadoes (shared/scenario/costUncertainty.ts) are built with it, so every
 * view, export and the CLI read the same bars.
 */

/** One input of a tornado: its range as shown, its basis, and the answer at each end. */
export interface SensitivityInput<K extends string = string> {
  key: K;
  label: string;
  /** The input at the low and high ends of its range, in its own unit. */
  lowInput: number;
  highInput: number;
  /** The answer with the input at its low and at its high, the others held. */
  atLow: number;
  atHigh: number;
  /** Where the range comes from, in a sentence. */
  basis: string;
}

export interface SensitivityBar<K extends string = string> extends SensitivityInput<K> {
  /** |atHigh − atLow|. */
  swing: number;
}

/** Bars with their swing, largest first (ties keep the order given); inputs with no finite answer are dropped. */
export function tornado<K extends string>(inputs: readonly SensitivityInput<K>[]): SensitivityBar<K>[] {
  return inputs
    .filter((i) => Number.isFinite(i.atLow) && Number.isFinite(i.atHigh))
    .map((i, order) => ({ bar: { ...i, swing: Math.abs(i.atHigh - i.atLow) }, order }))
    .sort((a, b) => b.bar.swing - a.bar.swing || a.order - b.order)
    .map((x) => x.bar);
}

/**
 * Which input drives an answer, in a sentence: "The 2030 gap (586 beds) moves most with target
 * occupancy (78% to 90%: 700 to 520), then …". `answer` names the answer and its central value as
 * shown; `value` formats an answer; `input` formats an input's ends.
 */
export function driverSentence<K extends string>(
  bars: readonly Pick<SensitivityBar<K>, 'key' | 'label' | 'lowInput' | 'highInput' | 'atLow' | 'atHigh' | 'swing'>[],
  answer: string,
  value: (v: number) => string,
  input: (key: K, v: number) => string,
): string {
  const moving = bars.filter((b) => b.swing > 0);
  const first = moving[0];
  if (!first) return `${answer} does not move with any input over its range.`;
  const describe = (b: (typeof moving)[number]) => {
    const label = b.label.replace(/\s*\([^)]*\)\s*$/, '');
    return `${label.charAt(0).toLowerCase()}${label.slice(1)} (${input(b.key, b.lowInput)} to ${input(b.key, b.highInput)}: ${value(b.atLow)} to ${value(b.atHigh)})`;
  };
  const next = moving[1];
  return `${answer} moves most with ${describe(first)}${next ? `, then ${describe(next)}` : ''}.`;
}
