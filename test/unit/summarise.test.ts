import { describe, expect, it } from 'vitest';
import type { Area, Observation, Source } from '#shared/model/dataset.js';
import { summarisePlan, type PlanData } from '#shared/model/summarise.js';

const source: Source = {
  id: 'dfe',
  title: 'Children looked after in England',
  publisher: 'Department for Education',
  file: 'cla.csv',
  table: 'LA level',
  period: '2023 to 2024',
  licence: 'Open Government Licence v3.0',
  url: 'https://explore-education-statistics.service.gov.uk/',
  illustrative: false,
};
const ons: Source = { ...source, id: 'ons', title: 'Mid-year estimates', publisher: 'Office for National Statistics' };

const la = (code: string, name: string, isMember = true): Area => ({
  code,
  dfeCode: code.slice(-3),
  name,
  level: 'Local authority',
  regionCode: 'E12000002',
  regionName: 'North West',
  centroidLat: 53.5,
  centroidLon: -2.3,
  isMember,
});

const obs = (
  area: string,
  measure: Observation['measure'],
  period: string,
  value: number | null,
  src = 'dfe',
): Observation => ({
  area,
  measure,
  period,
  value,
  suppression: value === null ? 'c' : null,
  source: src,
});

function plan(): PlanData {
  return {
    consortiumName: 'Test consortium',
    areas: [
      la('E08000001', 'Bolton'),
      la('E08000002', 'Bury'),
      la('E06000008', 'Blackburn with Darwen', false),
      { ...la('E92000001', 'England', false), level: 'National', dfeCode: null },
    ],
    sources: [source, ons],
    supply: [],
    flows: [],
    unitCosts: [],
    assumptions: [],
    observations: [
      obs('E08000001', 'childrenLookedAfter', '2023', 600),
      obs('E08000001', 'childrenLookedAfter', '2024', 620),
      obs('E08000002', 'childrenLookedAfter', '2024', 380),
      obs('E06000008', 'childrenLookedAfter', '2024', 999),
      obs('E08000001', 'population0to17', '2024', 75_000, 'ons'),
      obs('E08000002', 'population0to17', '2024', 45_000, 'ons'),
      obs('E08000001', 'placedOver20Miles', '2024', 40),
      obs('E08000002', 'placedOver20Miles', '2024', null),
      obs('E92000001', 'childrenLookedAfter', '2024', 83_630),
    ],
  };
}

describe('summarisePlan', () => {
  it('uses the latest period and sums members only', () => {
    const summary = summarisePlan(plan(), 'My plan');
    expect(summary.authorities.map((a) => a.name)).toEqual(['Bolton', 'Bury']);
    const cla = summary.consortium.headline.find((f) => f.measure === 'childrenLookedAfter');
    expect(cla).toMatchObject({ period: '2024', value: 1000, sources: ['dfe'] });
    expect(cla?.missingMembers).toBeUndefined();
  });

  it('recomputes the consortium rate from summed parts instead of averaging rates', () => {
    const summary = summarisePlan(plan(), 'My plan');
    const rate = summary.consortium.headline.find((f) => f.measure === 'childrenLookedAfterRatePer10k');
    expect(rate).toBeUndefined(); // no member has a published rate in this plan, so it is not a headline
    const withRates = plan();
    withRates.observations.push(obs('E08000001', 'childrenLookedAfterRatePer10k', '2024', 82.7));
    const consortiumRate = summarisePlan(withRates, 'p').consortium.headline.find(
      (f) => f.measure === 'childrenLookedAfterRatePer10k',
    );
    expect(consortiumRate?.value).toBeCloseTo((1000 / 120_000) * 10_000, 1);
    expect(consortiumRate?.sources).toEqual(['dfe', 'ons']);
  });

  it('keeps suppressed member values missing and marks the total incomplete', () => {
    const summary = summarisePlan(plan(), 'My plan');
    const bury = summary.authorities.find((a) => a.name === 'Bury');
    expect(bury?.headline.find((f) => f.measure === 'placedOver20Miles')).toMatchObject({
      value: null,
      suppression: 'c',
    });
    const total = summary.consortium.headline.find((f) => f.measure === 'placedOver20Miles');
    expect(total).toMatchObject({ value: 40, missingMembers: ['Bury'] });
  });

  it('follows membership: adding a member changes the totals', () => {
    const data = plan();
    const blackburn = data.areas.find((a) => a.code === 'E06000008');
    if (blackburn) blackburn.isMember = true;
    const summary = summarisePlan(data, 'My plan');
    expect(summary.consortium.memberCount).toBe(3);
    expect(summary.consortium.headline.find((f) => f.measure === 'childrenLookedAfter')?.value).toBe(1999);
  });

  it('lists comparators with their own figures', () => {
    const summary = summarisePlan(plan(), 'My plan');
    expect(summary.comparators.map((c) => c.name)).toEqual(['England']);
    expect(summary.comparators[0]?.headline.find((f) => f.measure === 'childrenLookedAfter')?.value).toBe(83_630);
  });
});

describe('comparators', () => {
  it('show their own published figure whatever the members hold', () => {
    const data = plan();
    // England has a published rate for 2024 and 2025; the members have none.
    data.observations.push(
      obs('E92000001', 'childrenLookedAfterRatePer10k', '2024', 70),
      obs('E92000001', 'childrenLookedAfterRatePer10k', '2025', 69),
      obs('E92000001', 'childrenLookedAfter', '2025', 83_970),
    );
    const england = summarisePlan(data, 'p').comparators.find((c) => c.level === 'National');
    expect(england?.headline.find((f) => f.measure === 'childrenLookedAfterRatePer10k')).toMatchObject({
      period: '2025',
      value: 69,
    });
    // Where the members hold a period, the comparator is shown for that period, beside them.
    expect(england?.headline.find((f) => f.measure === 'childrenLookedAfter')).toMatchObject({
      period: '2024',
      value: 83_630,
    });
  });
});
