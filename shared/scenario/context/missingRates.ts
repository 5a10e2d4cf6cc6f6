/**
 * Missing incidents per child per year by locality (placed in the child's own LA, or out of area):
 * from the plan's assumption register, else derived from the members' observations with a relative
 * risk, else England's 2024 rates; recorded as assumptions.
 */
import type { PlanData } from '../../model/summarise.js';
import type { MissingRates, ScenarioAssumption } from '../types.js';
import { FALLBACK_MISSING, FALLBACK_MISSING_RELATIVE_RISK, pct, round } from './constants.js';
import { facts, latestCommon } from './facts.js';

export function missingRatesFrom(
  data: PlanData,
  codes: readonly string[],
  assumptions: ScenarioAssumption[],
): MissingRates {
  const inside = data.assumptions.find((a) => a.key === 'missingIncidentRateInsideLa');
  const outside = data.assumptions.find((a) => a.key === 'missingIncidentRateOutOfArea');
  let rates: MissingRates;
  let rationale: string;
  let source: string | null = null;
  if (inside && outside) {
    rates = { ownLa: inside.value, outOfArea: outside.value };
    rationale = `From the plan’s assumption register: ${inside.rationale}`;
    source = inside.source;
  } else {
    const f = facts(data.observations);
    const period = latestCommon(f, codes, ['missingIncidents', 'childrenLookedAfter', 'placedOutsideLaBoundary']);
    const rr =
      data.assumptions.find((a) => a.key === 'missingRelativeRiskOutOfArea')?.value ?? FALLBACK_MISSING_RELATIVE_RISK;
    if (period) {
      const sumOf = (m: string) => codes.reduce((s, c) => s + (f.get(c, m, period) ?? 0), 0);
      const cla = sumOf('childrenLookedAfter');
      const rate = cla > 0 ? sumOf('missingIncidents') / cla : 0;
      const q = cla > 0 ? sumOf('placedOutsideLaBoundary') / cla : 0;
      const own = rate / (1 + (rr - 1) * q);
      rates = { ownLa: own, outOfArea: own * rr };
      rationale = `Members’ missing incidents ÷ children looked after (${period}) = ${rate.toFixed(3)}, split by locality with an assumed relative risk of ${rr} out of area at the published out-of-area share ${pct(q)}.`;
    } else {
      rates = { ...FALLBACK_MISSING };
      rationale =
        'The plan has no missing-incident figures for its members: England’s 2024 rates are used (DfE: 83,920 incidents ÷ 83,630 children looked after, split with a relative risk of 1.5 out of area at the published 44.9% placed outside their LA).';
    }
  }
  assumptions.push(
    {
      key: 'missingRate.ownLa',
      label: 'Missing incidents per child per year, placed in own LA',
      value: round(rates.ownLa, 3),
      unit: 'incidents per child per year',
      rationale: `${rationale} Rates are per looked-after child in any placement, so they understate children’s homes in level but not the difference locality makes.`,
      source,
    },
    {
      key: 'missingRate.outOfArea',
      label: 'Missing incidents per child per year, placed out of area',
      value: round(rates.outOfArea, 3),
      unit: 'incidents per child per year',
      rationale:
        'Applied to children placed elsewhere in the consortium, outside it, or without a registered place. Missing from out-of-area homes rose 110% in 2015–2017 against 68% within area (DOMAIN.md).',
      source,
    },
  );
  return rates;
}
