/**
 * The New plan dialog's model and the shared authority chooser's helpers: presets in sections, a
 * preset to the members and name it gives, the name following the start until the user types one,
 * search, choosing and clearing a region, clearing all, and the checks made before newPlan is called.
 */
import { describe, expect, it } from 'vitest';
import type { AuthorityChoice } from '#shared/api/contract.js';
import type { ConsortiumPreset } from '#shared/model/consortia.js';
import {
  chooseAll,
  chooseStart,
  clearAll,
  clearSome,
  customStartId,
  describeStart,
  initialNewPlanState,
  setName,
  startSections,
  toggleMember,
  validateNewPlan,
} from '../../renderer/src/app/dialogs/newPlanModel.js';
import { chosenStatus, groupByRegion } from '../../renderer/src/views/data/membersModel.js';

const la = (onsCode: string, name: string, regionName: string): AuthorityChoice => ({
  onsCode,
  dfeCode: null,
  name,
  regionName,
  isMember: false,
  observationCount: 120,
});

const northEast = [
  la('E06000001', 'Hartlepool', 'North East'),
  la('E06000002', 'Middlesbrough', 'North East'),
  la('E08000021', 'Newcastle upon Tyne', 'North East'),
];
const northWest = [
  la('E08000001', 'Bolton', 'North West'),
  la('E08000003', 'Manchester', 'North West'),
  la('E06000049', 'Cheshire East', 'North West'),
];
const yorkshire = [
  la('E08000032', 'Bradford', 'Yorkshire and The Humber'),
  la('E08000033', 'Calderdale', 'Yorkshire and The Humber'),
  la('E08000034', 'Kirklees', 'Yorkshire and The Humber'),
  la('E08000035', 'Leeds', 'Yorkshire and The Humber'),
  la('E08000036', 'Wakefield', 'Yorkshire and The Humber'),
  la('E06000014', 'York', 'Yorkshire and The Humber'),
];
const all = [...northEast, ...northWest, ...yorkshire];
const codes = (list: readonly AuthorityChoice[]) => list.map((a) => a.onsCode).sort();

const presets: ConsortiumPreset[] = [
  {
    id: 'region:E12000001',
    kind: 'region',
    name: 'North East',
    members: codes(northEast),
    description: 'The 3 upper-tier authorities of the North East region.',
  },
  {
    id: 'region:E12000002',
    kind: 'region',
    name: 'North West',
    members: codes(northWest),
    description: 'The 3 upper-tier authorities of the North West region.',
  },
  {
    id: 'greater-manchester',
    kind: 'combined-authority',
    name: 'Greater Manchester',
    members: ['E08000001', 'E08000003'],
    description: 'The councils of the Greater Manchester Combined Authority.',
  },
  {
    id: 'england',
    kind: 'england',
    name: 'England',
    members: codes(all),
    description: `All ${all.length} upper-tier authorities in England.`,
  },
];

describe('new plan: starting points', () => {
  it('lists regions, combined authorities, all of England, then the user’s own choice', () => {
    const sections = startSections(presets);
    expect(sections.map((s) => [s.title, s.options.map((o) => o.name)])).toEqual([
      ['Regions', ['North East', 'North West']],
      ['Combined authorities', ['Greater Manchester']],
      ['All of England', ['England']],
      ['Your own choice', ['Choose authorities…']],
    ]);
    expect(sections[0]?.options[0]).toMatchObject({ id: 'region:E12000001', detail: '3 authorities', memberCount: 3 });
    expect(sections[3]?.options[0]?.id).toBe(customStartId);
  });

  it('leaves out sections the built-in data cannot fill', () => {
    expect(startSections(presets.filter((p) => p.kind === 'region')).map((s) => s.id)).toEqual(['regions', 'custom']);
    expect(startSections([]).map((s) => s.id)).toEqual(['custom']);
  });

  it('opens on the user’s own choice with nothing chosen and no name', () => {
    const state = initialNewPlanState();
    expect(state.startId).toBe(customStartId);
    expect(state.chosen.size).toBe(0);
    expect(state.name).toBe('');
    expect(describeStart(state, presets)).toBeNull();
  });

  it('a preset gives its members and its name; the user’s own choice starts empty and unnamed', () => {
    const ne = chooseStart(initialNewPlanState(), presets, 'region:E12000001');
    expect([...ne.chosen].sort()).toEqual(codes(northEast));
    expect(ne.name).toBe('North East');
    expect(describeStart(ne, presets)).toBe('Starting from North East: all 3 authorities.');

    const gm = chooseStart(ne, presets, 'greater-manchester');
    expect([...gm.chosen].sort()).toEqual(['E08000001', 'E08000003']);
    expect(gm.name).toBe('Greater Manchester');

    const england = chooseStart(gm, presets, 'england');
    expect(england.chosen.size).toBe(all.length);
    expect(england.name).toBe('England');

    const custom = chooseStart(england, presets, customStartId);
    expect(custom.startId).toBe(customStartId);
    expect(custom.chosen.size).toBe(0);
    expect(custom.name).toBe('');
    // an id the host no longer offers is the user's own choice
    expect(chooseStart(ne, presets, 'region:E12000099').startId).toBe(customStartId);
  });

  it('keeps a name the user typed when the start changes, and follows again once it is cleared', () => {
    const typed = setName(chooseStart(initialNewPlanState(), presets, 'region:E12000002'), 'North West RCC');
    const moved = chooseStart(typed, presets, 'region:E12000001');
    expect(moved.name).toBe('North West RCC');
    expect([...moved.chosen].sort()).toEqual(codes(northEast));
    expect(chooseStart(moved, presets, customStartId).name).toBe('North West RCC');
    const cleared = setName(moved, '  ');
    expect(chooseStart(cleared, presets, 'england').name).toBe('England');
  });

  it('says how the members differ from the preset', () => {
    let state = chooseStart(initialNewPlanState(), presets, 'region:E12000001');
    state = toggleMember(state, 'E06000001', false);
    expect(describeStart(state, presets)).toBe('Starting from North East, with 1 taken out.');
    state = chooseAll(state, ['E08000032', 'E08000033']);
    expect(describeStart(state, presets)).toBe('Starting from North East, with 2 added and 1 taken out.');
  });
});

describe('new plan: choosing members', () => {
  it('searches by name, region or code', () => {
    const names = (filter: string) => groupByRegion(all, filter).flatMap((g) => g.authorities.map((a) => a.name));
    expect(names('leeds')).toEqual(['Leeds']);
    expect(names('the humber')).toEqual(['Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield', 'York']);
    expect(names('E08000036')).toEqual(['Wakefield']);
    expect(names('newcastle tyne')).toEqual(['Newcastle upon Tyne']);
    expect(names('zzz')).toEqual([]);
  });

  it('lists the regions of the chosen start first, the rest alphabetically', () => {
    const regions = (leading?: ReadonlySet<string>) => groupByRegion(all, '', leading).map((g) => g.region);
    expect(regions()).toEqual(['North East', 'North West', 'Yorkshire and The Humber']);
    expect(regions(new Set(codes(yorkshire)))).toEqual(['Yorkshire and The Humber', 'North East', 'North West']);
    expect(regions(new Set())).toEqual(['North East', 'North West', 'Yorkshire and The Humber']);
  });

  it('chooses and clears a region at once, and clears all', () => {
    let state = initialNewPlanState();
    state = chooseAll(state, codes(yorkshire));
    expect(state.chosen.size).toBe(6);
    state = toggleMember(state, 'E06000014', false); // York is not in West Yorkshire
    expect([...state.chosen].sort()).toEqual(['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036']);
    state = chooseAll(state, codes(northEast));
    expect(state.chosen.size).toBe(8);
    state = clearSome(state, codes(northEast));
    expect(state.chosen.size).toBe(5);
    expect(clearSome(state, codes(northWest))).toBe(state); // nothing there to clear: unchanged
    expect(chooseAll(state, ['E08000035'])).toBe(state);
    expect(clearAll(state).chosen.size).toBe(0);
  });

  it('counts the choice, naming up to twelve authorities', () => {
    expect(chosenStatus(all, new Set())).toBe('No authority chosen.');
    expect(chosenStatus(all, new Set(['E08000035']))).toBe('1 authority chosen: Leeds.');
    expect(chosenStatus(all, new Set(['E08000032', 'E08000035']))).toBe('2 authorities chosen: Bradford and Leeds.');
    const many = Array.from({ length: 13 }, (_, i) => la(`E0600${String(i).padStart(4, '0')}`, `Authority ${i}`, 'X'));
    expect(chosenStatus(many, new Set(codes(many)))).toBe('13 authorities chosen.');
  });
});

describe('new plan: checks before creating', () => {
  const westYorkshire = chooseAll(setName(initialNewPlanState(), '  West Yorkshire '), [
    'E08000036',
    'E08000032',
    'E08000035',
    'E08000033',
    'E08000034',
  ]);

  it('gives the trimmed name and the members sorted', () => {
    expect(validateNewPlan(westYorkshire, all)).toEqual({
      ok: true,
      choice: { name: 'West Yorkshire', members: ['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036'] },
    });
  });

  it('needs a name of at most 120 characters', () => {
    expect(validateNewPlan(setName(westYorkshire, '   '), all)).toEqual({
      ok: false,
      problems: { name: 'Give the consortium a name.' },
    });
    const long = validateNewPlan(setName(westYorkshire, 'W'.repeat(121)), all);
    expect(long).toEqual({
      ok: false,
      problems: { name: 'The name must be 120 characters or fewer (it has 121).' },
    });
    expect(validateNewPlan(setName(westYorkshire, 'W'.repeat(120)), all).ok).toBe(true);
  });

  it('needs at least one member, each one the built-in data knows', () => {
    expect(validateNewPlan(clearAll(westYorkshire), all)).toEqual({
      ok: false,
      problems: { members: 'Choose at least one member authority.' },
    });
    expect(validateNewPlan(clearAll(setName(westYorkshire, '')), all)).toEqual({
      ok: false,
      problems: { name: 'Give the consortium a name.', members: 'Choose at least one member authority.' },
    });
    expect(validateNewPlan(chooseAll(westYorkshire, ['E06000099']), all)).toEqual({
      ok: false,
      problems: { members: 'Not an authority in the built-in data: E06000099.' },
    });
    // without the list, the contract's own check still refuses a code that is not an English upper-tier LA
    const welsh = validateNewPlan(chooseAll(westYorkshire, ['W06000001']));
    expect(welsh.ok).toBe(false);
    expect(!welsh.ok && welsh.problems.members).toMatch(/English upper-tier/);
  });
});
