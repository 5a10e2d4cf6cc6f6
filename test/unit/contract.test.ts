import { describe, expect, it } from 'vitest';
import { callArgSchemas, callNames, menuCommandSchema, validateCallArgs } from '#shared/api/contract.js';
import { PlannerError, isApiError, toApiError } from '#shared/api/errors.js';
import { plainField, plainIssue, plainPath } from '#shared/api/fieldNames.js';
import { camelWords, lowerFirst, saysUnit, withUnit } from '#shared/model/words.js';

describe('API contract validation', () => {
  it('accepts well-formed arguments for every call', () => {
    const good: Record<string, unknown> = {
      openPlan: { path: '/home/analyst/plans/gm.ccplan' },
      savePlanAs: { path: 'C:\\Users\\analyst\\gm.ccplan' },
      chooseSavePath: { suggestedName: 'Greater Manchester.ccplan' },
      renameConsortium: { name: 'Greater Manchester' },
      setMembership: { codes: ['E08000001', 'E06000008'] },
      previewImport: { files: [{ path: '/data/cla.csv' }, { name: 'providers.csv', contentBase64: 'VVJO' }] },
      commitImport: { previewId: 'abcdefgh1234' },
      discardImport: { previewId: 'abcdefgh1234' },
      setAssumption: { key: 'targetOccupancy', value: 0.85 },
      setHorizon: { years: 7 },
      writeDataTemplate: { path: '/home/analyst/template.xlsx' },
      exportPlan: { format: 'csv', path: '/home/analyst/gm-tables-csv', scenarios: ['block-12'] },
      setMapGeometry: { geometry: 'hex' },
      getStockFlowProjection: { mode: 'sf-regional', referenceMonths: 12, horizonMonths: 24, reportMonths: [6, 12] },
      saveScenario: { scenario: { id: 'block-12', name: 'Block contract', levers: [] } },
      duplicateScenario: { id: 'block-12', name: 'Block contract (copy)' },
      deleteScenario: { id: 'block-12' },
      runScenarios: { ids: ['block-12'], simulations: 100 },
      runSensitivity: { id: 'block-12' },
      exportPdf: { path: '/home/analyst/bid.pdf' },
      recoverPlan: { id: 'plan-1234-0a1b2c3d4e5f' },
      discardRecoverablePlan: { id: 'plan-1234-0a1b2c3d4e5f' },
      newPlan: { consortium: { name: 'West Yorkshire', members: ['E08000032', 'E08000035'] } },
      openPlanForChanges: { path: '/home/analyst/plans/gm.ccplan', mustNotExist: true },
      recommendHomes: { budget: 5_000_000, objective: 'local', sizes: [2, 3], openingYears: ['2027'] },
    };
    for (const name of callNames) {
      const result = validateCallArgs(name, good[name] ?? {});
      expect(result.ok, name).toBe(true);
    }
  });

  it.each([
    ['openPlan', {}, 'path'],
    ['openPlan', { path: 42 }, 'path'],
    ['openPlan', { path: 'relative/plan.ccplan' }, 'full path'],
    ['openPlan', { path: '/tmp/a\0b.ccplan' }, 'NUL'],
    ['openPlan', { path: '/tmp/x.ccplan', extra: true }, 'extra'],
    ['savePlanAs', { path: '' }, 'required'],
    ['renameConsortium', { name: '   ' }, 'needs a name'],
    ['renameConsortium', { name: 'x'.repeat(121) }, '120'],
    ['getPlanSummary', { unexpected: 1 }, 'unexpected'],
    ['chooseSavePath', { suggestedName: '' }, 'Suggested file name'],
    ['setMembership', { codes: [] }, 'at least one'],
    ['setMembership', { codes: ['E08000001', 'E08000001'] }, 'only once'],
    ['setMembership', { codes: ['E92000001'] }, 'upper-tier'],
    ['setMembership', { codes: ['W06000001'] }, 'upper-tier'],
    ['previewImport', { files: [] }, 'at least one file'],
    ['previewImport', { files: [{ path: 'cla.csv' }] }, 'full path'],
    ['commitImport', { previewId: '../../etc' }, 'Import preview'],
    ['getProjection', { horizonYears: 11 }, 'Horizon (years)'],
    ['getProjection', { method: 'crystal-ball' }, 'method'],
    ['openPlanForChanges', { path: 'gm.ccplan' }, 'full path'],
    ['getPlanBacktest', { from: 2020, to: 2018 }, 'before'],
    ['getPlanBacktest', { measure: 'childrenInSchool' }, 'Measure'],
    ['recommendHomes', {}, 'Budget'],
    ['recommendHomes', { budget: -1 }, 'Budget'],
    ['setAssumption', { key: 'x; DROP TABLE', value: 1 }, 'Assumption'],
    ['setAssumption', { key: 'targetOccupancy', value: Number.NaN }, 'value'],
    ['exportPlan', { format: 'pdfx', path: '/a.xlsx' }, 'format'],
    ['exportPlan', { format: 'xlsx', path: '/a.xlsx', scenarios: ['a', 'b', 'c', 'd', 'e'] }, 'at most four'],
    ['exportPlan', { format: 'xlsx', path: '/a.xlsx', scenarios: ['../x'] }, 'scenarios'],
    ['setMapGeometry', { geometry: 'globe' }, 'Map shape'],
    ['setHorizon', { years: 11 }, 'years'],
    ['setHorizon', { years: 2.5 }, 'years'],
    ['setHorizon', {}, 'years'],
    ['getStockFlowProjection', { referenceMonths: 12, referenceStart: '2021-01-01' }, 'not both'],
    ['getStockFlowProjection', { referenceEnd: '31/03/2022' }, 'yyyy-mm-dd'],
    ['runScenarios', { ids: ['a', 'b', 'c', 'd', 'e'] }, 'at most four'],
    ['recoverPlan', { id: '../../working/plan-1-ab' }, 'id'],
    ['newPlan', { consortium: { name: ' ', members: ['E08000032'] } }, 'name'],
    ['newPlan', { consortium: { name: 'West Yorkshire', members: [] } }, 'at least one'],
    ['saveScenario', { scenario: { id: 'x', name: 'X', levers: [{ type: 'blockContract', beds: -1 }] } }, 'scenario'],
    ['deleteScenario', { id: '../x' }, 'id'],
  ] as const)('rejects %s with %j', (name, args, mentions) => {
    const result = validateCallArgs(name, args);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.error.message.toLowerCase()).toContain(mentions.toLowerCase());
    expect(isApiError(JSON.parse(JSON.stringify(result.error)))).toBe(true);
  });

  it('words invalid arguments for a person: field names, not schema paths or code names', () => {
    const result = validateCallArgs('saveScenario', {
      scenario: { id: 'x', name: 'X', levers: [{ type: 'blockContract', la: 'E08000003', beds: -1 }] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^Could not save scenario: Scenario, lever 1, beds: /);
    expect(result.error.message).not.toMatch(/\b[a-z]+\.\d+\.[a-zA-Z]+|\b[a-z]+[A-Z]\w*/);
    // programs still get the raw path
    expect(result.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['scenario', 'levers', '0', 'beds'] })]),
    );
    const horizon = validateCallArgs('getProjection', { horizonYears: 11 });
    expect(horizon.ok || horizon.error.message).toMatch(/^Could not get projection: Horizon \(years\): /);
  });

  it('trims the consortium name it accepts', () => {
    const result = validateCallArgs('renameConsortium', { name: '  GM Consortium  ' });
    expect(result).toEqual({ ok: true, value: { name: 'GM Consortium' } });
  });

  it('declares a schema for every call name', () => {
    expect(callNames.sort()).toEqual(Object.keys(callArgSchemas).sort());
    expect(callNames).toContain('getPlanSummary');
  });

  it('validates menu commands', () => {
    expect(menuCommandSchema.safeParse({ command: 'save' }).success).toBe(true);
    expect(menuCommandSchema.safeParse({ command: 'openRecent', path: '/p/a.ccplan' }).success).toBe(true);
    expect(menuCommandSchema.safeParse({ command: 'openRecent' }).success).toBe(false);
    expect(menuCommandSchema.safeParse({ command: 'format-disk' }).success).toBe(false);
    expect(menuCommandSchema.safeParse({ command: 'export', format: 'xlsx' }).success).toBe(true);
    expect(menuCommandSchema.safeParse({ command: 'export', format: 'docx' }).success).toBe(false);
    expect(menuCommandSchema.safeParse({ command: 'export' }).success).toBe(false);
  });
});

describe('error shape', () => {
  it('serialises PlannerError to {code, message, details}', () => {
    const error = new PlannerError('NOT_A_PLAN', 'x is not a plan', { file: 'x' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'NOT_A_PLAN',
      message: 'x is not a plan',
      details: { file: 'x' },
    });
  });

  it('turns unexpected errors into INTERNAL without a stack', () => {
    const converted = toApiError(new TypeError('boom'));
    expect(converted).toEqual({ code: 'INTERNAL', message: 'Unexpected error: boom' });
    expect(toApiError('text')).toEqual({ code: 'INTERNAL', message: 'Unexpected error: text' });
  });

  it('recognises only known codes as API errors', () => {
    expect(isApiError({ code: 'NOT_A_PLAN', message: 'm' })).toBe(true);
    expect(isApiError({ code: 'WHATEVER', message: 'm' })).toBe(false);
    expect(isApiError(null)).toBe(false);
  });
});

describe('plain words for users', () => {
  it('reads schema paths as the form names them', () => {
    expect(plainPath('levers.0.la')).toBe('lever 1, where');
    expect(plainPath(['scenario', 'levers', 2, 'weeklyPrice'])).toBe('scenario, lever 3, weekly price');
    expect(plainPath(['levers', 0, 'rampUp', 1])).toBe('lever 1, ramp-up, item 2');
    expect(plainPath([])).toBe('');
    expect(plainField('someNewField')).toBe('some new field');
    expect(plainIssue('levers.1.la', 'E08000001 is not a member.')).toBe('Lever 2, where: E08000001 is not a member.');
    expect(plainIssue('', 'Give the scenario a name.')).toBe('Give the scenario a name.');
  });

  it('states a unit once and keeps acronyms in sentences', () => {
    expect(saysUnit('Beds', 'beds')).toBe(true);
    expect(saysUnit('Places closed', 'places')).toBe(true);
    expect(saysUnit('Weekly price', '£ a bed a week')).toBe(false);
    expect(withUnit('Gap', 'beds', '()')).toBe('Gap (beds)');
    expect(lowerFirst('Placed outside LA boundary')).toBe('placed outside LA boundary');
    expect(lowerFirst('LA-run homes')).toBe('LA-run homes');
    expect(lowerFirst('DfE figures')).toBe('DfE figures');
    expect(camelWords('childrenInChildrensHomes')).toBe('children in childrens homes');
  });
});
