/**
 * The illustration's modelling assumptions, each with its value, unit, reasoning and source: target
 * occupancy, the discount rate, the block-contract discount, the NAO cost anchor, the gravity model's
 * decay, and each calibration target beside what the generated flows achieved, so a reader can see how
 * close the illustration came. The figures are those `buildIllustrative` worked out.
 */
import type { Assumption } from '#shared/model/placements.js';
import { DISTANT_MILES } from '#shared/allocate/distance.js';
import { assumptionMaker } from '../datasetAssumption.js';
import {
  BLOCK_CONTRACT_DISCOUNT,
  CHANGED_AT,
  DISCOUNT_RATE,
  DISTANCE_DECAY_MILES,
  GENERATOR,
  GRAVITY_LOG_NOISE_SD,
  MAX_OUTSIDE_CONSORTIUM_OF_OUT,
  MAX_OUTSIDE_LA_SHARE,
  MIN_OUTSIDE_CONSORTIUM_OF_OUT,
  MISSING_RELATIVE_RISK_OUT_OF_AREA,
  NAO_ANNUAL_COST_PER_PLACE,
  NATIONAL_FIGURES_PERIOD,
  SHARE_NOISE_SD,
  TARGET_OCCUPANCY,
  pct,
  round,
  thousands,
} from './constants.js';

/** The figures of one illustration the assumptions quote (names as in buildIllustrative). */
export interface CalibrationFigures {
  achievedDistant: number;
  achievedOutsideConsortium: number;
  achievedOwn: number;
  assumptionsId: string;
  consortium: string;
  consortiumFarShare: number;
  consortiumOutShare: number;
  distantUplift: number;
  englandFarShare: number;
  englandOutShare: number;
  flowSourceId: string;
  homesCostId: string;
  missingCla: number;
  missingIncidents: number;
  missingInside: number;
  missingOutShare: number;
  missingOutside: number;
  missingPeriod: string;
  missingRate: number;
  naoWeekly: number;
  outsideUplift: number;
  period: string;
  phi: number;
  seed: number;
  supplyPeriod: string;
  targetDistantShare: number;
  targetOutsideConsortiumShare: number;
  targetOutsideLaShare: number;
}

/** Every assumption of the illustration, in the order a plan lists them. */
export function illustrativeAssumptions(figures: CalibrationFigures): Assumption[] {
  // In the order the assumptions below quote them.
  const {
    homesCostId,
    naoWeekly,
    supplyPeriod,
    flowSourceId,
    outsideUplift,
    englandOutShare,
    period,
    distantUplift,
    englandFarShare,
    consortium,
    phi,
    targetOutsideLaShare,
    consortiumOutShare,
    achievedOwn,
    seed,
    targetDistantShare,
    consortiumFarShare,
    achievedDistant,
    targetOutsideConsortiumShare,
    achievedOutsideConsortium,
    assumptionsId,
    missingInside,
    missingIncidents,
    missingCla,
    missingPeriod,
    missingRate,
    missingOutShare,
    missingOutside,
  } = figures;
  const assumption = assumptionMaker(GENERATOR, CHANGED_AT);

  return [
    assumption(
      'targetOccupancy',
      'Target occupancy of children’s home places',
      TARGET_OCCUPANCY,
      'share',
      'A home cannot be matched at 100%: children’s needs, sibling groups and mixes limit who can share a home; 80–90% is typical (DOMAIN.md). Beds needed = demand ÷ target occupancy.',
      null,
    ),
    assumption(
      'discountRate',
      'Discount rate for net present value',
      DISCOUNT_RATE,
      'per year',
      'HM Treasury Green Book social time preference rate (3.5% a year for the first 30 years).',
      null,
    ),
    assumption(
      'blockContractDiscount',
      'Block contract discount on private spot price',
      BLOCK_CONTRACT_DISCOUNT,
      'share',
      'Commissioning consortia typically saved 4–5% on placement costs (DfE-commissioned research, 2015; DOMAIN.md). Voids on block contracts are modelled separately.',
      homesCostId,
    ),
    assumption(
      'childrensHomeAnnualCostAnchor',
      'Average cost of a children’s home place (anchor for unit costs)',
      NAO_ANNUAL_COST_PER_PLACE,
      '£ per place per year (2023-24)',
      `National Audit Office (2025): about £318,400 per place per year in 2023-24, ≈ £${thousands(Math.round(naoWeekly))} a week; weekly costs by sector average to this at the national placement mix.`,
      homesCostId,
    ),
    assumption(
      'flowDistanceDecayMiles',
      'Gravity model distance decay',
      DISTANCE_DECAY_MILES,
      'miles',
      `Weight of a host member LA ∝ registered places (${supplyPeriod}) × exp(−distance ÷ ${DISTANCE_DECAY_MILES}), distance between LA centroids by the haversine formula. ${DISTANCE_DECAY_MILES} miles (half the 20-mile threshold) is an illustrative choice: a host 20 miles away weighs about 14% of one next door. Seeded log-normal noise (sd ${GRAVITY_LOG_NOISE_SD}) on each weight.`,
      flowSourceId,
    ),
    assumption(
      'flowOutsideLaUplift',
      'Children’s homes uplift on the outside-LA share',
      round(outsideUplift, 3),
      'ratio',
      `67% of children in children’s homes were outside their LA boundary against ${pct(englandOutShare)} of all looked-after children (England, ${NATIONAL_FIGURES_PERIOD}; DfE). Each member’s published all-CLA outside share (${period}) is multiplied by this ratio, capped at ${MAX_OUTSIDE_LA_SHARE}.`,
      flowSourceId,
    ),
    assumption(
      'flowOver20MilesUplift',
      'Children’s homes uplift on the 20+ mile share',
      round(distantUplift, 3),
      'ratio',
      `49% of children in children’s and secure homes were placed more than 20 miles away against ${pct(englandFarShare)} of all looked-after children (England, ${NATIONAL_FIGURES_PERIOD}; DfE). Each member’s published all-CLA 20+ mile share (${period}) is multiplied by this ratio.`,
      flowSourceId,
    ),
    assumption(
      'flowOutsideConsortiumOver20MilesShare',
      'Share of placements outside the consortium that are 20+ miles away',
      round(phi, 4),
      'share',
      'National 49% ÷ 67%: the share of out-of-LA children’s home placements more than 20 miles from home (DfE 2024), assuming placements inside the LA are within 20 miles. Used to convert the 20+ mile target into an outside-consortium count.',
      flowSourceId,
    ),
    assumption(
      'flowOutsideLaShareTarget',
      'Calibration target: share placed outside own LA',
      round(targetOutsideLaShare, 4),
      'share',
      `Children-weighted consortium target (${period}): members’ published all-CLA outside-boundary share (consortium ${pct(consortiumOutShare)}) × the children’s homes uplift; national children’s homes figure 67%.`,
      flowSourceId,
    ),
    assumption(
      'flowOutsideLaShareAchieved',
      'Achieved: share placed outside own LA',
      round(1 - achievedOwn, 4),
      'share',
      `Measured on the generated flows (seed ${seed}) after noise (sd ${SHARE_NOISE_SD}) and rounding.`,
      flowSourceId,
    ),
    assumption(
      'flowOwnLaShareTarget',
      'Calibration target: share placed in own LA',
      round(1 - targetOutsideLaShare, 4),
      'share',
      'One minus the outside-LA target.',
      flowSourceId,
    ),
    assumption(
      'flowOwnLaShareAchieved',
      'Achieved: share placed in own LA',
      round(achievedOwn, 4),
      'share',
      `Measured on the generated flows (seed ${seed}).`,
      flowSourceId,
    ),
    assumption(
      'flowOver20MilesShareTarget',
      'Calibration target: share placed more than 20 miles away',
      round(targetDistantShare, 4),
      'share',
      `Children-weighted consortium target (${period}): members’ published all-CLA 20+ mile share (consortium ${pct(consortiumFarShare)}) × the 20+ mile uplift (national children’s and secure homes figure 49%).`,
      flowSourceId,
    ),
    assumption(
      'flowOver20MilesShareAchieved',
      'Achieved (implied): share placed more than 20 miles away',
      round(achievedDistant, 4),
      'share',
      `Generated flows to member LAs whose centroid is more than ${DISTANT_MILES} miles away, plus ${round(phi, 3)} of flows outside the consortium.`,
      flowSourceId,
    ),
    assumption(
      'flowOutsideConsortiumShareTarget',
      'Calibration target: share placed outside the consortium',
      round(targetOutsideConsortiumShare, 4),
      'share',
      `Solved per member so the 20+ mile target is met (outside-consortium placements ${pct(phi)} distant, other members by centroid distance), bounded to ${MIN_OUTSIDE_CONSORTIUM_OF_OUT * 100}–${MAX_OUTSIDE_CONSORTIUM_OF_OUT * 100}% of the member’s out-of-LA placements; computed without noise.`,
      flowSourceId,
    ),
    assumption(
      'flowOutsideConsortiumShareAchieved',
      'Achieved: share placed outside the consortium',
      round(achievedOutsideConsortium, 4),
      'share',
      `Measured on the generated flows (seed ${seed}).`,
      flowSourceId,
    ),
    assumption(
      'missingRelativeRiskOutOfArea',
      'Relative risk of missing incidents out of area',
      MISSING_RELATIVE_RISK_OUT_OF_AREA,
      'ratio',
      'Illustrative: missing incidents from out-of-area homes rose 110% (2015–2017) against 68% within area, and 12,200 of 60,720 reports in 2017 came from placements 20+ miles away (DOMAIN.md). No published rate by locality exists at LA level.',
      assumptionsId,
    ),
    assumption(
      'missingIncidentRateInsideLa',
      'Missing incidents per child per year, placed inside own LA',
      round(missingInside, 3),
      'incidents per child per year',
      `Derived from the facts: ${consortium} ${thousands(missingIncidents)} missing incidents ÷ ${thousands(missingCla)} children looked after (${missingPeriod}) = ${missingRate.toFixed(3)}, split so that inside rate × (1 − q) + inside rate × ${MISSING_RELATIVE_RISK_OUT_OF_AREA} × q reproduces it, q = ${missingOutShare.toFixed(3)} the published share placed outside their LA boundary. Per looked-after child in any placement; children in children’s homes go missing more often.`,
      assumptionsId,
    ),
    assumption(
      'missingIncidentRateOutOfArea',
      'Missing incidents per child per year, placed out of area',
      round(missingOutside, 3),
      'incidents per child per year',
      `Inside-LA rate × the assumed relative risk ${MISSING_RELATIVE_RISK_OUT_OF_AREA} (see missingIncidentRateInsideLa).`,
      assumptionsId,
    ),
  ];
}
