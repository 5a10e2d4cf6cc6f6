import { describe, expect, it } from 'vitest';
import type { Source } from '#shared/model/dataset.js';
import type { AreaSummary, HeadlineFigure, PlanSummary } from '#shared/model/summary.js';
import { createHttpBridge } from '../../renderer/src/api/httpBridge.js';
import { folderOf, suggestedFileName } from '../../renderer/src/app/fileNames.js';
import { shortcutCommand } from '../../renderer/src/app/shortcuts.js';
import { listNames } from '#shared/forecast/inputs/index.js';
import {
  buildAuthorityTable,
  buildColumns,
  describeSource,
  groupColumns,
  tableSlots,
  placementBalance,
  shareOfLookedAfter,
  nextSort,
  sortRows,
  type TableRow,
} from '../../renderer/src/views/data/table/index.js';
import { missingReason } from '../../renderer/src/models/figureWords.js';
import { formatPeriod, formatSigned, formatValue } from '../../renderer/src/format/measures.js';
import { formatWholePercentOrUnderOne } from '../../renderer/src/format/shares.js';

const dfe: Source = {
  id: 'dfe-cla-number-rate-2024',
  title: 'Children looked after in England including adoptions, reporting year 2024: number and rate per 10,000',
  publisher: 'Department for Education',
  file: 'cla_number_and_rate_per_10k_children__2024release.csv',
  table: 'Children looked after at 31 March',
  period: 'Years ending 31 March 2020 to 2024',
  licence: 'Open Government Licence v3.0',
  url: 'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions',
  illustrative: false,
};
const characteristics: Source = {
  ...dfe,
  id: 'dfe-cla-characteristics-2025',
  title: 'Children looked after on 31 March by characteristics',
  file: 'DERIVED_gm_nw_england_cla_on_31_march_by_characteristics_2021_2025.csv',
  period: '31 March 2021 to 2025',
};
const ofsted: Source = {
  ...dfe,
  id: 'ofsted-homes-2023',
  title: 'Children’s social care data in England: providers and places',
  publisher: 'Ofsted',
  file: 'generate-homes.ts',
  table: '',
  period: '31 March 2023',
  illustrative: true,
};

// The ten Greater Manchester authorities, with DfE children looked after at 31 March 2024.
const gm: [string, string, string, number][] = [
  ['E08000001', '350', 'Bolton', 657],
  ['E08000002', '351', 'Bury', 367],
  ['E08000003', '352', 'Manchester', 1365],
  ['E08000004', '353', 'Oldham', 579],
  ['E08000005', '354', 'Rochdale', 560],
  ['E08000006', '355', 'Salford', 590],
  ['E08000007', '356', 'Stockport', 382],
  ['E08000008', '357', 'Tameside', 688],
  ['E08000009', '358', 'Trafford', 384],
  ['E08000010', '359', 'Wigan', 622],
];

const fig = (
  measure: HeadlineFigure['measure'],
  period: string,
  value: number | null,
  sources: string[],
  extra: Partial<HeadlineFigure> = {},
): HeadlineFigure => ({
  measure,
  period,
  value,
  suppression: null,
  sources,
  ...extra,
});

function summary(): PlanSummary {
  const authorities: AreaSummary[] = gm.map(([code, dfeCode, name, cla], i) => ({
    code,
    dfeCode,
    name,
    level: 'Local authority',
    isMember: true,
    headline: [
      fig('childrenLookedAfter', '2024', cla, [dfe.id]),
      fig('childrenLookedAfterRatePer10k', '2024', 90 + i * 1.25, [dfe.id]),
      name === 'Oldham'
        ? fig('placedOver20Miles', '2025', null, [characteristics.id], { suppression: 'c' })
        : fig('placedOver20Miles', '2025', 40 + i, [characteristics.id]),
      fig('childrensHomes', '2023-03-31', 20 + i, [ofsted.id]),
      fig('population0to17', '2024', 60_000 + i * 1000, ['ons-mye-0to17-2024']),
      fig('placedOutsideLaBoundary', '2025', 200 + i * 10, [characteristics.id]),
      fig('netPlacementImport', '2024', name === 'Bury' ? -85 : name === 'Wigan' ? 0 : 120, [characteristics.id], {
        derivation:
          'Other LAs’ children placed inside minus own children placed outside the LA boundary, 31 March 2024',
      }),
    ],
    history: {
      childrenLookedAfter: [
        { period: '2024', value: cla, suppression: null, source: dfe.id },
        // Bolton has no 2025 count, so its 2025 placements cannot be shown as a share.
        ...(name === 'Bolton' ? [] : [{ period: '2025', value: cla + 10, suppression: null, source: dfe.id }]),
      ],
    },
    supplyBySector: [],
  }));
  // A non-member authority in the summary is not a row of the consortium table.
  authorities.push({ ...authorities[0]!, code: 'E08000011', dfeCode: '340', name: 'Knowsley', isMember: false });
  const comparator = (code: string, name: string, level: AreaSummary['level'], cla: number): AreaSummary => ({
    code,
    dfeCode: null,
    name,
    level,
    isMember: false,
    headline: [
      fig('childrenLookedAfter', '2024', cla, [dfe.id]),
      fig('placedOver20Miles', '2025', null, [characteristics.id], { suppression: 'z' }),
    ],
    history: {},
    supplyBySector: [],
  });
  return {
    planName: 'Untitled plan',
    consortium: {
      name: 'Greater Manchester',
      memberCount: 10,
      headline: [
        fig('childrenLookedAfter', '2024', 6194, [dfe.id], { derivation: 'Sum of the 10 member authorities' }),
        fig('childrenLookedAfterRatePer10k', '2024', 96.3, [dfe.id]),
        fig('placedOver20Miles', '2025', 441, [characteristics.id], { missingMembers: ['Oldham'] }),
        fig('childrensHomes', '2023-03-31', 245, [ofsted.id]),
        fig('population0to17', '2024', 645_000, ['ons-mye-0to17-2024']),
        fig('placedOutsideLaBoundary', '2025', 2_618, [characteristics.id]),
        fig('netPlacementImport', '2024', 995, [characteristics.id]),
      ],
      history: {
        childrenLookedAfter: [
          { period: '2024', value: 6194, suppression: null, source: dfe.id },
          { period: '2025', value: 6119, suppression: null, source: dfe.id },
        ],
      },
      supplyBySector: [],
    },
    authorities,
    comparators: [
      comparator('E12000002', 'North West', 'Regional', 15_440),
      comparator('E92000001', 'England', 'National', 83_630),
    ],
    // The population source is deliberately missing from the list: an unknown id must still be shown.
    sources: [dfe, characteristics, ofsted],
    assumptions: [],
    gaps: [],
  };
}

const cellOf = (row: TableRow | undefined, key: string) => row?.cells.find((c) => c.columnKey === key);

describe('formatting', () => {
  it('formats counts with thousands separators and rates to at most one decimal place', () => {
    expect(formatValue('childrenLookedAfter', 83630)).toBe('83,630');
    expect(formatValue('population0to17', 645000)).toBe('645,000');
    expect(formatValue('childrenLookedAfterRatePer10k', 70)).toBe('70');
    expect(formatValue('childrenLookedAfterRatePer10k', 96.26)).toBe('96.3');
  });

  it('reads each period in the measure’s own terms', () => {
    expect(formatPeriod('childrenLookedAfter', '2024')).toBe('31 March 2024');
    expect(formatPeriod('missingIncidents', '2024')).toBe('year to 31 March 2024');
    expect(formatPeriod('population0to17', '2024')).toBe('mid-2024');
    expect(formatPeriod('childrensHomes', '2023-03-31')).toBe('31 March 2023');
    expect(formatPeriod('childrensHomes', '2022 to 2023')).toBe('2022 to 2023');
  });

  it('names every suppression code, and tells a missing figure from an unpublished one', () => {
    const reasons = (['c', 'z', 'x', 'k', 'low', 'u'] as const).map((s) =>
      missingReason(fig('childrenLookedAfter', '2024', null, [], { suppression: s })),
    );
    expect(reasons).toEqual(['confidential', 'not applicable', 'unavailable', 'below 0.5', 'low', 'low reliability']);
    expect(missingReason(null)).toBe('no figure stored');
    expect(missingReason(fig('childrenLookedAfter', '2024', null, []))).toBe('not published');
  });

  it('joins names in British English', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['Oldham'])).toBe('Oldham');
    expect(listNames(['Bolton', 'Bury', 'Wigan'])).toBe('Bolton, Bury and Wigan');
  });

  it('describes a source with its file, period and licence, and flags illustrative values', () => {
    expect(describeSource(dfe)).toContain(
      'File: cla_number_and_rate_per_10k_children__2024release.csv, Children looked after at 31 March.',
    );
    expect(describeSource(dfe)).toContain('Licence: Open Government Licence v3.0.');
    expect(describeSource(dfe)).not.toMatch(/illustrative/i);
    expect(describeSource(ofsted)).toContain('Illustrative');
  });
});

describe('authority table model', () => {
  it('has one column per headline measure, in summary order, headed with its period', () => {
    const columns = buildColumns(summary());
    expect(columns.map((c) => c.heading)).toEqual([
      'Children looked after (31 March 2024)',
      'Rate per 10,000 children (31 March 2024)',
      'Placed more than 20 miles away (31 March 2025)',
      'Placed outside LA boundary (31 March 2025)',
      'Net import of placements (31 March 2024)',
      "Children's homes (31 March 2023)",
      'Children aged 0 to 17 (mid-2024)',
    ]);
  });

  it('groups the columns under Demand, Placements, Supply and Population, keeping the summary order within each', () => {
    const table = buildAuthorityTable(summary());
    expect(table.columns.map((c) => c.group)).toEqual([
      'Demand',
      'Demand',
      'Placements',
      'Placements',
      'Placements',
      'Supply',
      'Population',
    ]);
    expect(table.groups.map((g) => [g.group, g.span])).toEqual([
      ['Demand', 2],
      ['Placements', 3],
      ['Supply', 1],
      ['Population', 1],
    ]);
    expect(groupColumns([])).toEqual([]);
  });

  it('folds a collapsed group into one slot that counts its hidden columns, keeping the others in order', () => {
    const table = buildAuthorityTable(summary());
    const slots = tableSlots(table.columns, new Set(['Placements', 'Population'] as const));
    expect(slots.map((s) => (s.kind === 'column' ? s.column.key.split('@')[0] : `[${s.group} ×${s.hidden}]`))).toEqual([
      'childrenLookedAfter',
      'childrenLookedAfterRatePer10k',
      '[Placements ×3]',
      table.columns[5]?.measure,
      '[Population ×1]',
    ]);
    // Each shown column keeps its index into the row's cells, and marks the start of its group.
    const shown = slots.flatMap((s) => (s.kind === 'column' ? [[s.index, s.groupStart]] : []));
    expect(shown).toEqual([
      [0, true],
      [1, false],
      [5, true],
    ]);
    // Nothing folded: one slot per column.
    expect(tableSlots(table.columns, new Set()).map((s) => s.kind)).toEqual(table.columns.map(() => 'column'));
  });

  it('lists exactly the 10 member authorities, then the consortium total and the comparators', () => {
    const table = buildAuthorityTable(summary());
    expect(table.members).toHaveLength(10);
    expect(table.members.map((r) => r.code)).toEqual(gm.map(([code]) => code));
    expect(table.members.every((r) => r.kind === 'member')).toBe(true);
    expect(table.summaryRows.map((r) => [r.kind, r.name])).toEqual([
      ['consortium', 'Greater Manchester (consortium)'],
      ['comparator', 'North West'],
      ['comparator', 'England'],
    ]);
    const manchester = table.members.find((r) => r.name === 'Manchester');
    expect(manchester?.dfeCode).toBe('352');
    expect(cellOf(manchester, 'childrenLookedAfter@2024')?.text).toBe('1,365');
    expect(cellOf(table.summaryRows[2], 'childrenLookedAfter@2024')?.text).toBe('83,630');
  });

  it('shows a suppressed value as a dash with its reason, traced to its source', () => {
    const oldham = buildAuthorityTable(summary()).members.find((r) => r.name === 'Oldham');
    const cell = cellOf(oldham, 'placedOver20Miles@2025');
    expect(cell?.value).toBeNull();
    expect(cell?.text).toBe('—');
    expect(cell?.missing).toBe('confidential');
    expect(cell?.sources.map((s) => s.id)).toEqual([characteristics.id]);
    expect(cell?.provenance).toContain(
      'Oldham: Placed more than 20 miles away, 31 March 2025: no value (confidential).',
    );
    expect(cell?.provenance).toContain(characteristics.file);
    expect(cell?.provenance).toContain('Period: 31 March 2021 to 2025');
  });

  it('marks an incomplete consortium total with the members it leaves out', () => {
    const total = buildAuthorityTable(summary()).summaryRows[0];
    const incomplete = cellOf(total, 'placedOver20Miles@2025');
    expect(incomplete?.text).toBe('441');
    expect(incomplete?.missingMembers).toEqual(['Oldham']);
    expect(incomplete?.provenance).toContain('Incomplete total: no figure for Oldham.');
    const complete = cellOf(total, 'childrenLookedAfter@2024');
    expect(complete?.missingMembers).toEqual([]);
    expect(complete?.provenance).toContain('Sum of the 10 member authorities.');
  });

  it('flags illustrative sources and keeps unknown source ids visible', () => {
    const bolton = buildAuthorityTable(summary()).members[0];
    expect(cellOf(bolton, 'childrensHomes@2023-03-31')?.illustrative).toBe(true);
    expect(cellOf(bolton, 'childrenLookedAfter@2024')?.illustrative).toBe(false);
    const population = cellOf(bolton, 'population0to17@2024');
    expect(population?.sources).toEqual([]);
    expect(population?.unknownSourceIds).toEqual(['ons-mye-0to17-2024']);
    expect(population?.provenance).toContain('“ons-mye-0to17-2024” (not described in this plan)');
  });

  it('shows a comparator with no figure for a column as missing, not zero', () => {
    const england = buildAuthorityTable(summary()).summaryRows[2];
    expect(cellOf(england, 'childrensHomes@2023-03-31')).toMatchObject({
      value: null,
      text: '—',
      missing: 'no figure stored',
    });
    expect(cellOf(england, 'placedOver20Miles@2025')).toMatchObject({ value: null, missing: 'not applicable' });
  });

  it('builds an empty table when the plan holds no authorities yet', () => {
    const empty = buildAuthorityTable({
      ...summary(),
      authorities: [],
      comparators: [],
      consortium: { name: 'Greater Manchester', memberCount: 0, headline: [], history: {}, supplyBySector: [] },
    });
    expect(empty.members).toEqual([]);
    expect(empty.columns).toEqual([]);
    expect(empty.summaryRows.map((r) => r.kind)).toEqual(['consortium']);
  });
});

describe('derived cells', () => {
  it('formats signed balances with a true minus sign and names the direction in words', () => {
    expect(formatSigned(120)).toBe('+120');
    expect(formatSigned(-85)).toBe('−85');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(-0.2)).toBe('0');
    expect(formatSigned(1234)).toBe('+1,234');
    expect(formatValue('netPlacementImport', -85)).toBe('−85');
    expect(placementBalance(120)).toBe('net importer');
    expect(placementBalance(-85)).toBe('net exporter');
    expect(placementBalance(0)).toBe('balanced');
  });

  it('formats percentages without a misleading 0%', () => {
    expect(formatWholePercentOrUnderOne(42.8)).toBe('43%');
    expect(formatWholePercentOrUnderOne(0)).toBe('0%');
    expect(formatWholePercentOrUnderOne(0.3)).toBe('<1%');
  });

  it('shows children placed away as a % of children looked after on the same date, saying it is derived', () => {
    const table = buildAuthorityTable(summary());
    const bury = table.members.find((r) => r.name === 'Bury');
    const cell = cellOf(bury, 'placedOutsideLaBoundary@2025');
    // Bury: 210 placed outside, 367 + 10 = 377 looked after on 31 March 2025.
    expect(cell?.text).toBe('210');
    expect(cell?.share).toMatchObject({ text: '56%', denominator: 377, period: '2025' });
    expect(cell?.share?.percent).toBeCloseTo((210 / 377) * 100, 6);
    expect(cell?.provenance).toContain(
      'Derived: placed outside LA boundary ÷ children looked after, 31 March 2025 (377)',
    );
    expect(cell?.provenance).toContain('children looked after from Children looked after in England');
    expect(table.columns.find((c) => c.measure === 'placedOutsideLaBoundary')?.showsShare).toBe(true);
    expect(table.columns.find((c) => c.measure === 'childrenLookedAfter')?.showsShare).toBe(false);
  });

  it('shows just the count when the children looked after at that date are not held', () => {
    const bolton = buildAuthorityTable(summary()).members.find((r) => r.name === 'Bolton');
    const cell = cellOf(bolton, 'placedOutsideLaBoundary@2025');
    expect(cell?.text).toBe('200');
    expect(cell?.share).toBeNull();
    expect(cell?.provenance).not.toContain('Derived');
  });

  it('computes the consortium share from the consortium’s own history, but not for an incomplete total', () => {
    const total = buildAuthorityTable(summary()).summaryRows[0];
    expect(cellOf(total, 'placedOutsideLaBoundary@2025')?.share?.text).toBe('43%'); // 2,618 ÷ 6,119
    // The 20-mile total leaves Oldham out, so a share of all children looked after would mislead.
    expect(cellOf(total, 'placedOver20Miles@2025')?.share).toBeNull();
    const figure = fig('placedOutsideLaBoundary', '2025', 50, []);
    expect(shareOfLookedAfter({ headline: [fig('childrenLookedAfter', '2025', 0, [])] }, figure)).toBeNull();
    expect(shareOfLookedAfter({ headline: [fig('childrenLookedAfter', '2025', 200, ['a, b'])] }, figure)).toMatchObject(
      { text: '25%', sourceIds: ['a, b'] },
    );
    expect(
      shareOfLookedAfter(
        {
          headline: [],
          history: { childrenLookedAfter: [{ period: '2025', value: 100, suppression: null, source: 'a, b' }] },
        },
        figure,
      ),
    ).toMatchObject({ text: '50%', sourceIds: ['a', 'b'] });
  });

  it('signs net import and labels importers and exporters in words', () => {
    const table = buildAuthorityTable(summary());
    const net = (name: string) =>
      cellOf(
        table.members.find((r) => r.name === name),
        'netPlacementImport@2024',
      );
    expect(net('Bolton')).toMatchObject({ text: '+120', balance: 'net importer' });
    expect(net('Bury')).toMatchObject({ text: '−85', balance: 'net exporter' });
    expect(net('Wigan')).toMatchObject({ text: '0', balance: 'balanced' });
    expect(net('Bury')?.provenance).toContain('Net import of placements, 31 March 2024: −85 (net exporter).');
    expect(net('Bury')?.provenance).toContain('Other LAs’ children placed inside minus own children placed outside');
    expect(cellOf(table.members[0], 'childrenLookedAfter@2024')?.balance).toBeNull();
  });
});

describe('sorting', () => {
  const members = buildAuthorityTable(summary()).members;

  it('sorts by a figure, largest first when descending', () => {
    const sorted = sortRows(members, { key: 'childrenLookedAfter@2024', direction: 'descending' });
    expect(sorted.slice(0, 3).map((r) => r.name)).toEqual(['Manchester', 'Tameside', 'Bolton']);
    expect(sorted).toHaveLength(10);
  });

  it('keeps missing values last in both directions', () => {
    const key = 'placedOver20Miles@2025';
    expect(sortRows(members, { key, direction: 'ascending' }).at(-1)?.name).toBe('Oldham');
    expect(sortRows(members, { key, direction: 'descending' }).at(-1)?.name).toBe('Oldham');
  });

  it('sorts by name and by code, and does not change its input', () => {
    const before = members.map((r) => r.name);
    expect(sortRows(members, { key: 'name', direction: 'descending' }).map((r) => r.name)[0]).toBe('Wigan');
    expect(sortRows(members, { key: 'dfeCode', direction: 'ascending' }).map((r) => r.dfeCode)[0]).toBe('350');
    expect(members.map((r) => r.name)).toEqual(before);
  });

  it('starts a new column ascending and flips the current one', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'code')).toEqual({ key: 'code', direction: 'ascending' });
    expect(nextSort({ key: 'code', direction: 'ascending' }, 'code')).toEqual({ key: 'code', direction: 'descending' });
    expect(nextSort({ key: 'code', direction: 'descending' }, 'code')).toEqual({ key: 'code', direction: 'ascending' });
  });
});

describe('shell helpers', () => {
  const key = (
    k: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('maps Ctrl/Cmd shortcuts to file commands', () => {
    expect(shortcutCommand(key('n', { ctrlKey: true }))).toBe('new');
    expect(shortcutCommand(key('o', { metaKey: true }))).toBe('open');
    expect(shortcutCommand(key('s', { ctrlKey: true }))).toBe('save');
    expect(shortcutCommand(key('S', { ctrlKey: true, shiftKey: true }))).toBe('saveAs');
    expect(shortcutCommand(key('w', { ctrlKey: true }))).toBe('close');
    expect(shortcutCommand(key('s'))).toBeNull();
    expect(shortcutCommand(key('s', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutCommand(key('x', { ctrlKey: true }))).toBeNull();
  });

  it('suggests a file name and keeps the folder of the current path', () => {
    expect(suggestedFileName('Untitled plan', 'Greater Manchester', true)).toBe('greater-manchester.ccplan');
    expect(suggestedFileName('gm-workshop', 'Greater Manchester', false)).toBe('gm-workshop.ccplan');
    expect(folderOf('/home/you/plans/gm.ccplan')).toBe('/home/you/plans/');
    expect(folderOf('C:\\Plans\\gm.ccplan')).toBe('C:\\Plans\\');
  });
});

describe('HTTP bridge', () => {
  type FetchCall = { url: string; init: RequestInit | undefined };
  const fakeFetch = (respond: (call: FetchCall) => Response | Promise<Response>) => {
    const calls: FetchCall[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = { url: String(input), init };
      calls.push(call);
      return respond(call);
    }) as typeof fetch;
    return { calls, fetchImpl };
  };
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('posts the arguments as JSON with the bearer token and passes the result through', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true, value: { open: false } }));
    const bridge = createHttpBridge({ token: 's3cret', origin: 'http://127.0.0.1:5000', fetch: fetchImpl });
    expect(await bridge.getPlanState({})).toEqual({ ok: true, value: { open: false } });
    expect(calls[0]?.url).toBe('http://127.0.0.1:5000/api/getPlanState');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer s3cret');
    await bridge.openPlan({ path: '/home/you/plans/gm.ccplan' });
    expect(calls[1]?.init?.body).toBe('{"path":"/home/you/plans/gm.ccplan"}');
  });

  it('passes a host error through unchanged, whatever its HTTP status', async () => {
    const error = { code: 'NOT_A_PLAN', message: 'This file is not a Sufficiency Planner plan.' };
    const { fetchImpl } = fakeFetch(() => json(422, { ok: false, error }));
    const bridge = createHttpBridge({ token: 't', origin: 'http://127.0.0.1:5000', fetch: fetchImpl });
    expect(await bridge.openPlan({ path: '/tmp/x.txt' })).toEqual({ ok: false, error });
  });

  it('turns HTTP and network failures into clear errors instead of throwing', async () => {
    const origin = 'http://127.0.0.1:5000';
    const unauthorised = createHttpBridge({
      token: 't',
      origin,
      fetch: fakeFetch(() => new Response('nope', { status: 401 })).fetchImpl,
    });
    expect(await unauthorised.getAppInfo({})).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    const broken = createHttpBridge({
      token: 't',
      origin,
      fetch: fakeFetch(() => new Response('<html>', { status: 200 })).fetchImpl,
    });
    expect(await broken.getAppInfo({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('not valid JSON') },
    });
    const offline = createHttpBridge({
      token: 't',
      origin,
      fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fetchImpl,
    });
    expect(await offline.getAppInfo({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('Could not reach') },
    });
  });

  it('refuses to call without a token and has no native menu', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true, value: null }));
    const bridge = createHttpBridge({ token: null, origin: 'http://127.0.0.1:5000', fetch: fetchImpl });
    expect(await bridge.getAppInfo({})).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    expect(calls).toHaveLength(0);
    const unsubscribe = bridge.onMenuCommand(() => {});
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
  });
});
