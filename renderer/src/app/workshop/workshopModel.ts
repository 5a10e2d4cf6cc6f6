/**
 * Workshop mode's pure parts: moving between views, which keys do what, the levers a plan offers,
 * and the type scale; remembering the chosen levers per plan (./leverMemory.ts) and debouncing lever
 * changes (./leverCommitQueue.ts) are re-exported from here. No DOM or React, so all is unit-tested.
 */
import { defaultSettings, planAssumptionKeys } from '#shared/forecast/settings.js';
import type { ShortcutKey } from '../shortcuts';
import { shareToPercent } from '../../format/shares';

// ---------- Type scale ----------

/** The shell's root font size (styles.css, `:root`). */
export const baseFontSizePx = 17;
/** How much larger everything sized in rem is in workshop mode. */
export const workshopScale = 1.35;

/** The root font size in workshop mode, in pixels to two decimals (workshop.css uses this value). */
export function workshopFontSizePx(base: number = baseFontSizePx, scale: number = workshopScale): number {
  return Math.round(base * scale * 100) / 100;
}

// ---------- Moving between views ----------

export type ViewStep = 'previous' | 'next' | 'first' | 'last';

/** The step a key asks for: Left/PageUp back, Right/PageDown on, Home/End to either end. */
export function keyToStep(key: string): ViewStep | null {
  switch (key) {
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/**
 * The view a step leads to, in navigation order, or null when it leads nowhere new (already at that
 * end, or no views). Steps do not wrap round: the last view stays last.
 */
export function stepView(ids: readonly string[], current: string, step: ViewStep): string | null {
  if (ids.length === 0) return null;
  const index = Math.max(0, ids.indexOf(current));
  let target: number;
  switch (step) {
    case 'previous':
      target = index - 1;
      break;
    case 'next':
      target = index + 1;
      break;
    case 'first':
      target = 0;
      break;
    case 'last':
      target = ids.length - 1;
      break;
  }
  if (target < 0 || target >= ids.length) return null;
  const id = ids[target];
  return id === undefined || id === current ? null : id;
}

/** "2 of 4": where the current view sits in the order (1-based), for the presentation bar. */
export function viewPosition(ids: readonly string[], current: string): { number: number; count: number } {
  return { number: ids.indexOf(current) + 1, count: ids.length };
}

/** What the focused element is, as far as the keyboard is concerned. */
export interface KeyTarget {
  tagName: string;
  /** An input's type (lower case). */
  type?: string | null;
  isContentEditable?: boolean;
  /** Whether it sits inside a widget with its own arrow keys (grid, listbox, menu, tab list, radio group…). */
  inArrowWidget?: boolean;
}

const inputTypesWithoutArrowKeys = new Set(['button', 'submit', 'reset', 'checkbox', 'image', 'file', 'color']);

/**
 * True when the focused element uses the arrow, Page and Home/End keys itself (text fields, sliders,
 * selects, radio groups, grids…), so workshop navigation must leave them alone.
 */
export function keepsArrowKeys(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable || target.inArrowWidget) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !inputTypesWithoutArrowKeys.has((target.type ?? 'text').toLowerCase());
  return false;
}

/**
 * The workshop shortcut: F11, or Ctrl+Shift+W (⇧⌘W on a Mac). Ctrl/Cmd+W alone closes the plan
 * (shortcuts.ts), so only the Shift form is taken here.
 */
export function isWorkshopShortcut(event: ShortcutKey): boolean {
  if (event.key === 'F11') return !(event.ctrlKey || event.metaKey || event.altKey || event.shiftKey);
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'w';
}

/**
 * How the shortcut is offered. A browser tab cannot have Ctrl+Shift+W (the browser closes its
 * window first), so browser mode offers F11; the desktop app keeps F11 for its own full screen.
 */
export function workshopShortcutLabel(mode: 'electron' | 'browser', apple: boolean): { label: string; aria: string } {
  if (mode === 'browser') return { label: 'F11', aria: 'F11' };
  return apple ? { label: '⇧⌘W', aria: 'Meta+Shift+W' } : { label: 'Ctrl+Shift+W', aria: 'Control+Shift+W' };
}

// ---------- Levers ----------

/** An assumption that can be shown as a slider, in per cent. */
export interface LeverDefinition {
  /** The plan's register key (what setAssumption takes). */
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  group: 'projection' | 'plan';
}

/** A lever with the plan's current value. */
export interface LeverOption extends LeverDefinition {
  percent: number;
}

/** The projection's assumptions the plan stores, with the ranges the host accepts (as percentages). */
export const projectionLevers: readonly (LeverDefinition & { defaultShare: number })[] = [
  {
    key: planAssumptionKeys.targetOccupancy,
    label: 'Target occupancy',
    min: 50,
    max: 100,
    step: 1,
    group: 'projection',
    defaultShare: defaultSettings.targetOccupancy,
  },
  {
    key: planAssumptionKeys.openMarketAccessShare,
    label: 'Open-market places available to an authority’s own children',
    min: 0,
    max: 100,
    step: 1,
    group: 'projection',
    defaultShare: defaultSettings.openMarketAccessShare,
  },
  {
    key: planAssumptionKeys.consortiumOpenMarketAccessShare,
    label: 'Open-market places available to consortium children',
    min: 0,
    max: 100,
    step: 1,
    group: 'projection',
    defaultShare: defaultSettings.consortiumOpenMarketAccessShare,
  },
  {
    key: planAssumptionKeys.trendDamping,
    label: 'Trend damping',
    min: 1,
    max: 100,
    step: 1,
    group: 'projection',
    defaultShare: defaultSettings.trendDamping,
  },
  {
    key: planAssumptionKeys.soloComplexShare,
    label: 'Share needing a solo or complex-needs home',
    min: 0,
    max: 100,
    step: 1,
    group: 'projection',
    defaultShare: defaultSettings.needTypeShares.soloComplex,
  },
];

/** Upper bounds (per cent) the host enforces for other register keys; 100% otherwise. */
const planLeverMaxima: Readonly<Record<string, number>> = { discountRate: 20 };

/** A register entry as the plan summary gives it. */
export interface RegisterEntry {
  key: string;
  label: string;
  value: number;
  unit: string;
}

/**
 * Whether a register entry from outside the projection can be a lever: a share or rate between 0
 * and 1, and not a calibration record (its "…Target" and "…Achieved" entries describe a fit, not a
 * choice). Entries in pounds, miles or ratios are left to the views that edit them.
 */
function isPlanLever(entry: RegisterEntry): boolean {
  if (/(Target|Achieved)$/.test(entry.key)) return false;
  const unit = entry.unit.trim().toLowerCase();
  const shareLike = unit.startsWith('share') || unit === 'proportion' || unit === 'per year';
  return shareLike && Number.isFinite(entry.value) && entry.value >= 0 && entry.value <= 1;
}

/**
 * The levers a plan offers: the projection's five (at the plan's value, or the forecast's default
 * when the plan has not set it), then the plan's other share-like assumptions in register order.
 */
export function leverOptions(register: readonly RegisterEntry[]): LeverOption[] {
  const byKey = new Map(register.map((entry) => [entry.key, entry]));
  const projection = projectionLevers.map(({ defaultShare, ...definition }) => ({
    ...definition,
    percent: shareToPercent(byKey.get(definition.key)?.value ?? defaultShare),
  }));
  const taken = new Set(projection.map((l) => l.key));
  const others = register
    .filter((entry) => !taken.has(entry.key) && isPlanLever(entry))
    .map((entry): LeverOption => {
      const max = planLeverMaxima[entry.key] ?? 100;
      return {
        key: entry.key,
        label: entry.label,
        min: 0,
        max,
        step: max <= 20 ? 0.5 : 1,
        group: 'plan',
        percent: Math.min(max, shareToPercent(entry.value)),
      };
    });
  return [...projection, ...others];
}

/**
 * An assumption that is not a share (money, miles, ratios, counts…): the meeting types its value
 * in the plan's own unit. With the sliders, these cover every assumption in the plan's register
 * except the calibration records ("…Target", "…Achieved"), which describe a fit, not a choice.
 */
export interface TypedLever {
  key: string;
  label: string;
  value: number;
  unit: string;
}

/** The register's assumptions that {@link leverOptions} does not offer as sliders, in register order. */
export function typedLeverOptions(register: readonly RegisterEntry[]): TypedLever[] {
  const sliders = new Set(leverOptions(register).map((o) => o.key));
  return register
    .filter((entry) => !sliders.has(entry.key) && !/(Target|Achieved)$/.test(entry.key) && Number.isFinite(entry.value))
    .map(({ key, label, value, unit }) => ({ key, label, value, unit }));
}

/** The chosen levers among those on offer, in the offer's order (unknown keys are dropped). */
export function chosenLevers(options: readonly LeverOption[], chosen: readonly string[]): LeverOption[] {
  const wanted = new Set(chosen);
  return options.filter((o) => wanted.has(o.key));
}

export * from './leverMemory';
export * from './leverCommitQueue';
