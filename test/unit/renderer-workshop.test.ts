import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planAssumptionKeys } from '#shared/forecast/settings.js';
import { shortcutCommand } from '../../renderer/src/app/shortcuts.js';
import {
  baseFontSizePx,
  chosenLevers,
  isWorkshopShortcut,
  keepsArrowKeys,
  keyToStep,
  LeverCommitQueue,
  leverOptions,
  leverStorageKey,
  loadChosenLevers,
  maxRememberedPlans,
  projectionLevers,
  saveChosenLevers,
  stepView,
  typedLeverOptions,
  untitledPlanKey,
  viewPosition,
  workshopFontSizePx,
  workshopScale,
  workshopShortcutLabel,
  type CommitOutcome,
  type RegisterEntry,
  type StorageLike,
} from '../../renderer/src/app/workshop/workshopModel.js';
import { formatPercent, percentToShare, shareToPercent } from '../../renderer/src/format/shares.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ids = ['data', 'projection', 'import', 'map'];

describe('workshop type scale', () => {
  it('is about 1.35 times the shell’s 17px', () => {
    expect(workshopScale).toBeCloseTo(1.35);
    expect(workshopFontSizePx()).toBe(22.95);
    expect(workshopFontSizePx(16, 1.5)).toBe(24);
  });

  it('matches the root sizes in styles.css and workshop.css', () => {
    const styles = fs.readFileSync(path.join(repoRoot, 'renderer/src/styles.css'), 'utf8');
    const workshop = fs.readFileSync(path.join(repoRoot, 'renderer/src/app/workshop/workshop.css'), 'utf8');
    expect(styles).toMatch(new RegExp(`:root \\{[^}]*font-size: ${baseFontSizePx}px;`));
    expect(workshop).toMatch(new RegExp(`html\\.workshop \\{\\s*font-size: ${workshopFontSizePx()}px;`));
  });
});

describe('moving between views', () => {
  it('maps arrows, Page Up/Down and Home/End to steps, and nothing else', () => {
    expect(keyToStep('ArrowLeft')).toBe('previous');
    expect(keyToStep('PageUp')).toBe('previous');
    expect(keyToStep('ArrowRight')).toBe('next');
    expect(keyToStep('PageDown')).toBe('next');
    expect(keyToStep('Home')).toBe('first');
    expect(keyToStep('End')).toBe('last');
    expect(keyToStep('ArrowUp')).toBeNull();
    expect(keyToStep('Enter')).toBeNull();
  });

  it('steps in navigation order without wrapping round', () => {
    expect(stepView(ids, 'data', 'next')).toBe('projection');
    expect(stepView(ids, 'projection', 'previous')).toBe('data');
    expect(stepView(ids, 'data', 'previous')).toBeNull();
    expect(stepView(ids, 'map', 'next')).toBeNull();
    expect(stepView(ids, 'projection', 'first')).toBe('data');
    expect(stepView(ids, 'projection', 'last')).toBe('map');
    expect(stepView(ids, 'map', 'last')).toBeNull();
    expect(stepView([], 'data', 'next')).toBeNull();
  });

  it('treats an unknown current view as the first', () => {
    expect(stepView(ids, 'gone', 'next')).toBe('projection');
  });

  it('says where the view sits', () => {
    expect(viewPosition(ids, 'projection')).toEqual({ number: 2, count: 4 });
  });

  it('leaves the keys to text fields, sliders, selects and widgets with their own arrows', () => {
    expect(keepsArrowKeys(null)).toBe(false);
    expect(keepsArrowKeys({ tagName: 'BUTTON' })).toBe(false);
    expect(keepsArrowKeys({ tagName: 'MAIN' })).toBe(false);
    expect(keepsArrowKeys({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'INPUT', type: 'range' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'INPUT', type: 'radio' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(keepsArrowKeys({ tagName: 'INPUT' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'SELECT' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'TEXTAREA' })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(keepsArrowKeys({ tagName: 'TD', inArrowWidget: true })).toBe(true);
  });
});

describe('the workshop shortcut', () => {
  const key = (
    k: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>,
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('is F11, or Ctrl/Cmd+Shift+W', () => {
    expect(isWorkshopShortcut(key('F11', {}))).toBe(true);
    expect(isWorkshopShortcut(key('W', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isWorkshopShortcut(key('W', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isWorkshopShortcut(key('F11', { ctrlKey: true }))).toBe(false);
    expect(isWorkshopShortcut(key('w', { ctrlKey: true }))).toBe(false);
    expect(isWorkshopShortcut(key('W', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
  });

  it('does not clash with the file shortcuts', () => {
    const workshop = key('W', { ctrlKey: true, shiftKey: true });
    expect(shortcutCommand(workshop)).toBeNull();
    expect(shortcutCommand(key('w', { ctrlKey: true }))).toBe('close');
    expect(isWorkshopShortcut(key('s', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('is offered as F11 in a browser tab and Ctrl+Shift+W in the desktop app', () => {
    expect(workshopShortcutLabel('browser', false)).toEqual({ label: 'F11', aria: 'F11' });
    expect(workshopShortcutLabel('electron', false)).toEqual({ label: 'Ctrl+Shift+W', aria: 'Control+Shift+W' });
    expect(workshopShortcutLabel('electron', true)).toEqual({ label: '⇧⌘W', aria: 'Meta+Shift+W' });
  });
});

describe('levers', () => {
  const register: RegisterEntry[] = [
    { key: 'targetOccupancy', label: 'Target occupancy of children’s home places', value: 0.8, unit: 'share' },
    { key: 'discountRate', label: 'Discount rate for net present value', value: 0.035, unit: 'per year' },
    { key: 'blockContractDiscount', label: 'Block contract discount', value: 0.05, unit: 'share' },
    { key: 'childrensHomeAnnualCostAnchor', label: 'Average cost', value: 318400, unit: '£ per place per year' },
    { key: 'flowDistanceDecayMiles', label: 'Gravity model distance decay', value: 10, unit: 'miles' },
    { key: 'flowOutsideLaShareTarget', label: 'Calibration target', value: 0.63, unit: 'share' },
    { key: 'flowOutsideLaShareAchieved', label: 'Achieved', value: 0.63, unit: 'share' },
    { key: 'flowOutsideConsortiumOver20MilesShare', label: 'Share 20+ miles', value: 0.7313, unit: 'share' },
  ];

  it('offers the projection’s five plan keys first, at the plan’s value or the default', () => {
    const options = leverOptions(register);
    expect(options.slice(0, 5).map((o) => o.key)).toEqual(Object.values(planAssumptionKeys));
    expect(projectionLevers.map((l) => l.key)).toEqual(Object.values(planAssumptionKeys));
    const byKey = Object.fromEntries(options.map((o) => [o.key, o]));
    expect(byKey.targetOccupancy).toMatchObject({ percent: 80, min: 50, max: 100, label: 'Target occupancy' });
    expect(byKey.trendDamping).toMatchObject({ percent: 80, min: 1 });
    expect(byKey.needTypeShareSoloComplex).toMatchObject({ percent: 18, group: 'projection' });
    // The national figure: 1,790 ÷ 8,559 places ÷ 85% occupancy ≈ 25% (shared/forecast/accessShares.ts).
    expect(byKey.openMarketAccessShare?.percent).toBe(25);
    expect(byKey.consortiumOpenMarketAccessShare?.percent).toBe(60);
  });

  it('adds the plan’s other shares and rates, but not calibration records or amounts', () => {
    const others = leverOptions(register).filter((o) => o.group === 'plan');
    expect(others.map((o) => o.key)).toEqual([
      'discountRate',
      'blockContractDiscount',
      'flowOutsideConsortiumOver20MilesShare',
    ]);
    expect(others[0]).toMatchObject({ percent: 3.5, min: 0, max: 20, step: 0.5 });
    expect(others[1]).toMatchObject({ percent: 5, max: 100, step: 1 });
    expect(others[2]?.percent).toBe(73.1);
  });

  it('offers every other assumption (money, miles) to type in, so sliders and boxes cover the whole register but calibration records', () => {
    const typed = typedLeverOptions(register);
    expect(typed).toEqual([
      { key: 'childrensHomeAnnualCostAnchor', label: 'Average cost', value: 318400, unit: '£ per place per year' },
      { key: 'flowDistanceDecayMiles', label: 'Gravity model distance decay', value: 10, unit: 'miles' },
    ]);
    const covered = new Set([...leverOptions(register), ...typed].map((o) => o.key));
    expect(register.filter((e) => !covered.has(e.key)).map((e) => e.key)).toEqual([
      'flowOutsideLaShareTarget',
      'flowOutsideLaShareAchieved',
    ]);
  });

  it('keeps the chosen levers in the offer’s order and drops unknown keys', () => {
    const options = leverOptions(register);
    expect(chosenLevers(options, ['discountRate', 'gone', 'targetOccupancy']).map((o) => o.key)).toEqual([
      'targetOccupancy',
      'discountRate',
    ]);
  });

  it('converts shares and percentages without float noise', () => {
    expect(shareToPercent(0.85)).toBe(85);
    expect(shareToPercent(0.125)).toBe(12.5);
    expect(percentToShare(80)).toBe(0.8);
    expect(percentToShare(3.5)).toBe(0.035);
    expect(percentToShare(shareToPercent(0.07))).toBe(0.07);
    expect(formatPercent(80)).toBe('80%');
    expect(formatPercent(3.5)).toBe('3.5%');
  });
});

describe('remembering the chosen levers', () => {
  function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Record<string, string> } {
    const data = { ...initial };
    return {
      data,
      getItem: (k) => data[k] ?? null,
      setItem: (k, v) => {
        data[k] = v;
      },
    };
  }

  it('keeps a choice per plan path, under planner.workshop.levers', () => {
    const storage = memoryStorage();
    expect(loadChosenLevers(storage, '/plans/gm.splan')).toEqual([]);
    saveChosenLevers(storage, '/plans/gm.splan', ['targetOccupancy', 'trendDamping', 'targetOccupancy']);
    saveChosenLevers(storage, null, ['discountRate']);
    expect(loadChosenLevers(storage, '/plans/gm.splan')).toEqual(['targetOccupancy', 'trendDamping']);
    expect(loadChosenLevers(storage, null)).toEqual(['discountRate']);
    expect(loadChosenLevers(storage, '/plans/other.splan')).toEqual([]);
    expect(JSON.parse(storage.data[leverStorageKey] ?? '{}')).toEqual({
      '/plans/gm.splan': ['targetOccupancy', 'trendDamping'],
      [untitledPlanKey]: ['discountRate'],
    });
  });

  it('survives missing, broken or foreign storage contents', () => {
    expect(loadChosenLevers(null, 'x')).toEqual([]);
    expect(loadChosenLevers(memoryStorage({ [leverStorageKey]: 'not json' }), 'x')).toEqual([]);
    expect(loadChosenLevers(memoryStorage({ [leverStorageKey]: '[1,2]' }), 'x')).toEqual([]);
    expect(loadChosenLevers(memoryStorage({ [leverStorageKey]: '{"x":[1,"a",""]}' }), 'x')).toEqual(['a']);
    const refusing: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveChosenLevers(refusing, 'x', ['a'])).not.toThrow();
    expect(() => saveChosenLevers(null, 'x', ['a'])).not.toThrow();
  });

  it('forgets the least recently chosen plans beyond the limit', () => {
    const storage = memoryStorage();
    for (let i = 0; i < maxRememberedPlans + 5; i++) saveChosenLevers(storage, `/p/${i}`, ['targetOccupancy']);
    saveChosenLevers(storage, '/p/5', ['trendDamping']); // chosen again, so now the most recent
    const stored = Object.keys(JSON.parse(storage.data[leverStorageKey] ?? '{}') as object);
    expect(stored).toHaveLength(maxRememberedPlans);
    expect(stored.at(-1)).toBe('/p/5');
    expect(stored).not.toContain('/p/0');
    expect(loadChosenLevers(storage, '/p/5')).toEqual(['trendDamping']);
  });
});

describe('debounced lever changes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(outcomes: CommitOutcome[] = []) {
    const commits: [string, number][] = [];
    const settled: [string, number, string][] = [];
    const queue = new LeverCommitQueue({
      delayMs: 300,
      maxRetries: 2,
      commit: (key, percent) => {
        commits.push([key, percent]);
        return Promise.resolve(outcomes.shift() ?? 'saved');
      },
      onSettled: (key, percent, outcome) => settled.push([key, percent, outcome]),
    });
    return { queue, commits, settled };
  }

  it('saves only the last value once a lever has stayed still', async () => {
    const { queue, commits, settled } = setup();
    queue.change('targetOccupancy', 84);
    await vi.advanceTimersByTimeAsync(200);
    queue.change('targetOccupancy', 82);
    await vi.advanceTimersByTimeAsync(200);
    queue.change('targetOccupancy', 80);
    expect(queue.isPending('targetOccupancy')).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(commits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([['targetOccupancy', 80]]);
    expect(settled).toEqual([['targetOccupancy', 80, 'saved']]);
    expect(queue.isPending()).toBe(false);
  });

  it('keeps separate waits for separate levers', async () => {
    const { queue, commits } = setup();
    queue.change('targetOccupancy', 80);
    queue.change('trendDamping', 70);
    await vi.advanceTimersByTimeAsync(300);
    expect(commits).toEqual([
      ['targetOccupancy', 80],
      ['trendDamping', 70],
    ]);
  });

  it('tries again while the plan is busy, then gives up', async () => {
    const { queue, commits, settled } = setup(['busy', 'saved']);
    queue.change('targetOccupancy', 80);
    await vi.advanceTimersByTimeAsync(300);
    expect(settled).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(commits).toHaveLength(2);
    expect(settled).toEqual([['targetOccupancy', 80, 'saved']]);

    const busy = setup(['busy', 'busy', 'busy', 'busy']);
    busy.queue.change('targetOccupancy', 70);
    await vi.advanceTimersByTimeAsync(3000);
    expect(busy.commits).toHaveLength(3);
    expect(busy.settled).toEqual([['targetOccupancy', 70, 'failed']]);
  });

  it('drops a busy retry when a newer value is waiting', async () => {
    const { queue, commits, settled } = setup(['busy']);
    queue.change('targetOccupancy', 80);
    await vi.advanceTimersByTimeAsync(300);
    queue.change('targetOccupancy', 75);
    await vi.advanceTimersByTimeAsync(300);
    expect(commits).toEqual([
      ['targetOccupancy', 80],
      ['targetOccupancy', 75],
    ]);
    expect(settled).toEqual([['targetOccupancy', 75, 'saved']]);
  });

  it('reports a failure (or a thrown error) and saves waiting values at once on flush', async () => {
    const { queue, commits, settled } = setup(['failed']);
    queue.change('targetOccupancy', 80);
    queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(commits).toEqual([['targetOccupancy', 80]]);
    expect(settled).toEqual([['targetOccupancy', 80, 'failed']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(commits).toHaveLength(1);

    const onSettled = vi.fn();
    const throwing = new LeverCommitQueue({ delayMs: 10, commit: () => Promise.reject(new Error('no')), onSettled });
    throwing.change('a', 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(onSettled).toHaveBeenCalledWith('a', 1, 'failed');
  });
});
