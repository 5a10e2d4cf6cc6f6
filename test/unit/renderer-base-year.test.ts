/**
 * Year 0 and the gap's parts as the Projection view, the report and the printed summary show them:
 * the base year in words (children, where placed, places by sector, accessible, the gap), its row in
 * the beds table, the horizon gap's parts adding up to the headline, and the report's sentence.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import {
  baseYearWords,
  gapPartRows,
  gapPartsSentence,
  gapTornadoModel,
  openMarketShares,
  reconciliationRows,
} from '../../renderer/src/models/baseYearModel.js';
import { BaseYearPanel } from '../../renderer/src/panels/BaseYearPanel.js';
import { BedsTable } from '../../renderer/src/views/projection/BedsTable.js';
import { baseYearRow, headline } from '../../renderer/src/models/projectionModel.js';
import { bedNeedSentence } from '../../renderer/src/views/report/reportModel/index.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

const result = project(projectionInputsFromPlan(builtInPlanData()), { method: 'rate' });
const gm = result.consortium;

describe('the base year in words', () => {
  it('states children, where they were placed, places by sector and the gap by the same definition', () => {
    const words = baseYearWords(gm, 0.85);
    expect(words?.when).toBe('31 March 2025 (year 0, the latest published figures)');
    expect(words?.children).toBe('727 children in secure and children’s homes');
    expect(words?.placed).toMatch(
      /^\d+ in their own authority, \d+ elsewhere in the consortium, \d+ outside it \(placement flows, 31 March 2025\)$/,
    );
    expect(words?.places).toBe(
      '754 registered places: 118 LA-run, 0 block-contracted, 636 private and voluntary (Ofsted, 31 March 2023)',
    );
    // 118 + 60% × 636, and Bolton's own share (72% of its 55 open-market places) above the 60%.
    expect(words?.accessible).toBe(
      '506 accessible: LA-run and contracted places and 60% of the open market, and 7 more where a member’s own share of its open market is above that',
    );
    expect(words?.gap).toBe('855 beds needed at 85% occupancy: short by 349 already.');
    expect(baseYearWords({}, 0.85)).toBeNull();
  });

  it('gives the base year a row of the beds table, observed', () => {
    const row = baseYearRow(gm);
    expect(row).toMatchObject({ year: '2025', demandP50: '727', bedsP50: '855', accessiblePlaces: '506' });
    expect(row?.gap.text).toBe('short by 349');
  });
});

describe('what the gap is made of', () => {
  it('lists the parts of the horizon gap, adding up to the headline’s gap', () => {
    const rows = gapPartRows(gm) ?? [];
    expect(rows.map((r) => r.key)).toEqual([
      'todayShortfall',
      'growthInNeed',
      'occupancyHeadroom',
      'supplyChange',
      'gap',
    ]);
    const total = rows.find((r) => r.key === 'gap');
    const sum = rows.filter((r) => r.key !== 'gap').reduce((s, r) => s + r.value, 0);
    expect(sum).toBeCloseTo(total?.value ?? NaN, 9);
    expect(total?.value).toBeCloseTo(gm.years.at(-1)?.gap.p50 ?? NaN, 9);
    expect(rows[0]?.text).toBe('221');
    // The headline's gap is the parts' total, in the same words.
    expect(headline(gm)).toContain(`short by ${total?.text}`);
  });

  it('puts the base year and the parts in the report’s sentence', () => {
    const sentence = bedNeedSentence('Greater Manchester', result) ?? '';
    expect(sentence).toMatch(
      /By the same definition the gap is 349 today \(2025\) and [\d,]+ in 2030: today’s shortfall 221, growth in need \+[\d,]+, occupancy headroom \+[\d,]+, supply change 0\./,
    );
    expect(gapPartsSentence({})).toBeNull();
  });
});

describe('what moves the headline gap', () => {
  it('puts the forecast and each assumption at the ends of its range, with its basis', () => {
    const model = gapTornadoModel(result);
    expect(model?.year).toBe('2030');
    expect(model?.gap).toBeCloseTo(gm.years.at(-1)?.gap.p50 ?? NaN, 9);
    expect(model?.rows.map((r) => r.key).sort()).toEqual([
      'consortiumOpenMarketAccessShare',
      'demand',
      'targetOccupancy',
    ]);
    const occupancy = model?.rows.find((r) => r.key === 'targetOccupancy');
    expect(occupancy?.detail).toBe('78% to 90%');
    // Lower occupancy needs more beds: a bigger gap.
    expect(occupancy?.low.gap).toBeGreaterThan(occupancy?.high.gap ?? Infinity);
    expect(model?.notes.find((n) => n.label === 'Target occupancy')?.basis).toMatch(/9,925 registered/);
    expect(gapTornadoModel({ consortium: gm })).toBeNull();
  });
});

describe('the consortium’s gap beside its members’ gaps', () => {
  it('lists the sum of members, what separates them and the consortium’s gap', () => {
    const rows = reconciliationRows(result.reconciliation?.at(-1), openMarketShares(result)) ?? [];
    expect(rows.map((r) => r.key)).toEqual(['sumOfMembers', 'pooledAccess', 'mediansDoNotAdd', 'consortium']);
    expect(rows[1]?.label).toMatch(/\(60% rather than each member’s own share, \d+%–\d+%\)$/);
    const pooled = result.reconciliation?.at(-1)?.pooledAccess ?? NaN;
    expect(pooled).toBeGreaterThan(100);
    expect(rows[1]?.text).toBe(`−${Math.round(pooled)}`);
    expect(rows.at(-1)?.text).toBe(String(Math.round(gm.years.at(-1)?.gap.p50 ?? NaN)));
    expect(reconciliationRows(undefined, null)).toBeNull();
  });
});

describe('each member’s own share of its open market', () => {
  it('is a row per member with its estimate, range, inputs and source beside the base year', () => {
    const html = renderToStaticMarkup(
      createElement(BaseYearPanel, {
        area: gm,
        targetOccupancy: 0.85,
        variant: 'screen',
        accessShares: result.accessShares,
      }),
    );
    const rows = [
      ...html.matchAll(/<tr data-code="(E\d{8})"><th scope="row">([^<]+)<\/th><td class="num">(\d+)%<\/td>/g),
    ];
    expect(rows).toHaveLength(10);
    for (const [, code, , percent] of rows) {
      const own = result.accessShares?.find((a) => a.code === code);
      expect(Number(percent)).toBe(Math.round((own?.share ?? NaN) * 100));
    }
    expect(html).toContain('Estimated: the plan’s placement flows');
  });
});

describe('the beds table', () => {
  it('puts the observed year 0 above the projected years, with single figures and no ranges', () => {
    const html = renderToStaticMarkup(createElement(BedsTable, { area: gm, caption: 'GM' }));
    const rows = [...html.matchAll(/<tr[^>]*data-testid="(projection-row(?:-base)?)"[^>]*data-year="(\d{4})"/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(rows).toEqual(['projection-row-base 2025', ...gm.years.map((y) => `projection-row ${y.year}`)]);
    const base = html.slice(html.indexOf('projection-row-base'), html.indexOf('data-testid="projection-row"'));
    expect(base).toContain('observed, year 0');
    expect(base).toContain('>727<');
    expect(base).not.toContain('proj-range');
  });
});
