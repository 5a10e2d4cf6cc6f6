/**
 * Illustrative placement flows, unit costs and assumptions for a consortium (Greater Manchester as
 * first built). They are no longer part of the national built-in dataset, which has no members and
 * takes its unit costs from published spend (scripts/national-costs.ts); `buildIllustrative` (and
 * `greaterManchesterIllustration`, the same for the ten GM authorities of any dataset holding them)
 * stays so that modelled placement flows can be compared with these illustrative ones.
 *
 * No public file holds who places whom where inside a consortium (placing LA → host LA) or weekly
 * unit costs by sector, so these are GENERATED, from the published facts in the built-in dataset
 * (DfE CLA, Ofsted, ONS) and the national figures in DOMAIN.md. Every output references a source
 * with `illustrative: true`. `buildIllustrative` is pure and deterministic for a seed (d3's seeded
 * linear congruential generator drives all noise).
 *
 * Method — flows (children in secure and children's homes on 31 March of the latest period for which
 * every member has `childrenInChildrensHomes`):
 *  1. Outside-LA share. For each member LA, p = placedOutsideLaBoundary ÷ childrenLookedAfter (all
 *     looked-after children, the flow period). Children in children's homes are placed out of area
 *     more often than looked-after children overall, so p is scaled by the national ratio
 *     0.67 (DfE 2024: children's homes outside LA boundary) ÷ England's all-CLA outside share in
 *     2024 (from the facts), capped at 0.9. A suppressed LA value falls back to the consortium's.
 *  2. Distant share. Likewise q = placedOver20Miles ÷ childrenLookedAfter, scaled by
 *     0.49 (DfE 2024: children's/secure homes more than 20 miles) ÷ England's all-CLA 20+ mile share
 *     in 2024, capped at the outside-LA share.
 *  3. Gravity among other members. Weight of host j = registeredPlaces(j, 2023-03-31) ×
 *     exp(−d/10 miles) × seeded log-normal noise (sd 0.2), d = haversine distance between LA
 *     centroids. A placement in another member LA counts as distant when d > 20 miles.
 *  4. Outside the consortium. The number x placed outside the consortium solves
 *     far = x·φ + (out − x)·g, where out = children placed outside the LA, far = the distant target,
 *     g = gravity share of members more than 20 miles away and φ = 0.49 ÷ 0.67 ≈ 0.73 (national
 *     share of out-of-LA children's-home placements that are 20+ miles from home, applied to
 *     out-of-consortium placements). x is bounded to 10–90% of out.
 *  5. Noise and rounding. The outside-LA share gets seeded normal noise (sd 0.02); the real-valued
 *     split (own LA, each other member, OUTSIDE) is rounded with the largest-remainder method so each
 *     placing LA's flows sum exactly to its published count.
 * Targets are computed without noise; achieved values are measured on the rounded flows; both are
 * returned as assumptions.
 *
 * Method — unit costs (price year 2023-24): children's homes are centred on the National Audit
 * Office's £318,400 per place per year (÷ 365/7 weeks ≈ £6,106 a week) so that the weekly costs by
 * sector, weighted by the national 2024 mix of children's home placements (≈ 81% private, 14% LA-run,
 * 5% voluntary, DfE 2024), average the NAO figure; LA-run is set at 85% and voluntary at 93% of the
 * private price, and a block contract at 95% of private spot (consortia saved 4–5%). Secure, fostering
 * and supported accommodation are plausible illustrative levels stated in the source titles.
 *
 * Method — missing incidents: GM missing incidents ÷ children looked after (latest common year, 2024)
 * gives an overall rate, split inside LA vs out of area with an assumed relative risk of 1.5 for out of
 * area, so that the rates reproduce the published total at the published out-of-area share.
 */
import { randomLcg, randomNormal } from 'd3';
import { DISTANT_MILES, haversineMiles } from '#shared/allocate/distance.js';
import type { Area, BuiltInDataset, Source } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { GREATER_MANCHESTER_CODES } from '#shared/model/consortia.js';
import { OUTSIDE_CONSORTIUM } from '#shared/model/placements.js';
import type { CostPlacementType, CostSector, PlacementFlow, UnitCost } from '#shared/model/placements.js';
import {
  BLOCK_CONTRACT_DISCOUNT,
  DISTANCE_DECAY_MILES,
  ENGLAND,
  FALLBACK_ENGLAND_OUTSIDE_LA_SHARE,
  FALLBACK_ENGLAND_OVER_20_MILES_SHARE,
  FOSTER_AGENCY_WEEKLY,
  FOSTER_IN_HOUSE_WEEKLY,
  Facts,
  GENERATOR,
  GRAVITY_LOG_NOISE_SD,
  ILLUSTRATIVE_SEED,
  LA_TO_PRIVATE_PRICE,
  LICENCE,
  MAX_OUTSIDE_LA_SHARE,
  MISSING_RELATIVE_RISK_OUT_OF_AREA,
  MIX_LA,
  MIX_PRIVATE,
  MIX_VOLUNTARY,
  NAO_ANNUAL_COST_PER_PLACE,
  NATIONAL_CH_OUTSIDE_LA_SHARE,
  NATIONAL_CH_OVER_20_MILES_SHARE,
  NATIONAL_FIGURES_PERIOD,
  PRICE_YEAR,
  PUBLISHER,
  SECURE_TO_CHILDRENS_HOME,
  SHARE_NOISE_SD,
  SUPPLY_PERIOD,
  SUPPORTED_ACCOMMODATION_WEEKLY,
  VOLUNTARY_TO_PRIVATE_PRICE,
  WEEKS_PER_YEAR,
  clamp,
  largestRemainder,
  outsideConsortiumCount,
  pct,
  thousands,
  type IllustrativeOutput,
  type Member,
} from './illustrative/constants.js';
import { illustrativeAssumptions } from './illustrative/assumptions.js';
export { ILLUSTRATIVE_SEED, largestRemainder, type IllustrativeOutput } from './illustrative/constants.js';

export function buildIllustrative(facts: BuiltInDataset, seed: number = ILLUSTRATIVE_SEED): IllustrativeOutput {
  const members = facts.areas.filter((a) => a.isMember).sort((a, b) => a.code.localeCompare(b.code));
  if (members.length === 0) throw new Error('The dataset has no consortium members');
  const codes = members.map((m) => m.code);
  const f = new Facts(facts.observations);
  const periodsOf = (measure: MeasureId): string[] =>
    facts.observations.filter((o) => o.measure === measure).map((o) => o.period);

  const period = f.latestCommonPeriod(codes, ['childrenInChildrensHomes'], periodsOf('childrenInChildrensHomes'));
  const normal = randomNormal.source(randomLcg(seed))(0, 1);

  // --- Calibration targets (steps 1 and 2) -------------------------------------------------------
  const englandCla = f.get(ENGLAND, 'childrenLookedAfter', NATIONAL_FIGURES_PERIOD);
  const englandOut = f.get(ENGLAND, 'placedOutsideLaBoundary', NATIONAL_FIGURES_PERIOD);
  const englandFar = f.get(ENGLAND, 'placedOver20Miles', NATIONAL_FIGURES_PERIOD);
  const englandOutShare =
    englandCla && englandOut !== undefined ? englandOut / englandCla : FALLBACK_ENGLAND_OUTSIDE_LA_SHARE;
  const englandFarShare =
    englandCla && englandFar !== undefined ? englandFar / englandCla : FALLBACK_ENGLAND_OVER_20_MILES_SHARE;
  const outsideUplift = NATIONAL_CH_OUTSIDE_LA_SHARE / englandOutShare;
  const distantUplift = NATIONAL_CH_OVER_20_MILES_SHARE / englandFarShare;
  const phi = NATIONAL_CH_OVER_20_MILES_SHARE / NATIONAL_CH_OUTSIDE_LA_SHARE;

  const consortiumCla = f.sum(codes, 'childrenLookedAfter', period);
  const consortiumOutShare = consortiumCla > 0 ? f.sum(codes, 'placedOutsideLaBoundary', period) / consortiumCla : 0;
  const consortiumFarShare = consortiumCla > 0 ? f.sum(codes, 'placedOver20Miles', period) / consortiumCla : 0;
  const shareOf = (code: string, measure: MeasureId, fallback: number): number => {
    const cla = f.get(code, 'childrenLookedAfter', period);
    const n = f.get(code, measure, period);
    return cla && n !== undefined ? n / cla : fallback;
  };

  const supplyPeriod = facts.observations.some((o) => o.measure === 'registeredPlaces' && o.period === SUPPLY_PERIOD)
    ? SUPPLY_PERIOD
    : (periodsOf('registeredPlaces').sort().at(-1) ?? SUPPLY_PERIOD);
  const placesFromSupply = (code: string): number =>
    (facts.supply ?? [])
      .filter((s) => s.area === code && s.period === supplyPeriod && s.homeType === 'childrensHome')
      .reduce((acc, s) => acc + s.registeredPlaces, 0);

  const team: Member[] = members.map((area) => {
    const outsideLaTarget = Math.min(
      MAX_OUTSIDE_LA_SHARE,
      shareOf(area.code, 'placedOutsideLaBoundary', consortiumOutShare) * outsideUplift,
    );
    return {
      area,
      children: f.get(area.code, 'childrenInChildrensHomes', period) ?? 0,
      outsideLaTarget,
      distantTarget: Math.min(
        outsideLaTarget,
        shareOf(area.code, 'placedOver20Miles', consortiumFarShare) * distantUplift,
      ),
      places: f.get(area.code, 'registeredPlaces', supplyPeriod) ?? placesFromSupply(area.code),
    };
  });

  const distance = (a: Area, b: Area): number =>
    a.centroidLat === null || a.centroidLon === null || b.centroidLat === null || b.centroidLon === null
      ? Infinity
      : haversineMiles(a.centroidLat, a.centroidLon, b.centroidLat, b.centroidLon);

  /** Gravity shares over the other members (step 3), optionally with seeded noise. */
  const gravity = (placing: Member, noisy: boolean): { host: Member; share: number; miles: number }[] => {
    const others = team.filter((m) => m !== placing);
    const weights = others.map((host) => {
      const miles = distance(placing.area, host.area);
      const base = Number.isFinite(miles) ? host.places * Math.exp(-miles / DISTANCE_DECAY_MILES) : 0;
      return { host, miles, weight: base * (noisy ? Math.exp(GRAVITY_LOG_NOISE_SD * normal()) : 1) };
    });
    const total = weights.reduce((acc, w) => acc + w.weight, 0);
    return weights.map((w) => ({
      host: w.host,
      miles: w.miles,
      share: total > 0 ? w.weight / total : 1 / Math.max(1, others.length),
    }));
  };
  const distantShare = (shares: { share: number; miles: number }[]): number =>
    shares.reduce((acc, s) => acc + (s.miles > DISTANT_MILES ? s.share : 0), 0);

  // --- Flows (steps 3 to 5) ------------------------------------------------------------------------
  const totalChildren = team.reduce((acc, m) => acc + m.children, 0);
  let targetOutsideLa = 0;
  let targetDistant = 0;
  let targetOutsideConsortium = 0;
  const flowSourceId = `illustrative-flows-${period}`;
  const flows: PlacementFlow[] = [];
  const distantByPair = new Map<string, boolean>();

  for (const placing of team) {
    const noiseFree = gravity(placing, false);
    targetOutsideLa += placing.children * placing.outsideLaTarget;
    targetDistant += placing.children * placing.distantTarget;
    targetOutsideConsortium += outsideConsortiumCount(
      placing.children,
      placing.outsideLaTarget,
      placing.distantTarget,
      distantShare(noiseFree),
      phi,
    );

    const outsideLa = clamp(placing.outsideLaTarget + SHARE_NOISE_SD * normal(), 0, MAX_OUTSIDE_LA_SHARE);
    const shares = gravity(placing, true);
    const outside = outsideConsortiumCount(
      placing.children,
      outsideLa,
      // Keep the distant target's ratio to the outside-LA share when noise moves the latter.
      placing.outsideLaTarget > 0 ? placing.distantTarget * (outsideLa / placing.outsideLaTarget) : 0,
      distantShare(shares),
      phi,
    );
    const inConsortium = placing.children * outsideLa - outside;
    const hosts = [placing.area.code, ...shares.map((s) => s.host.area.code), OUTSIDE_CONSORTIUM];
    const values = [placing.children * (1 - outsideLa), ...shares.map((s) => inConsortium * s.share), outside];
    const counts = largestRemainder(values, placing.children);
    hosts.forEach((host, k) => {
      flows.push({
        placingArea: placing.area.code,
        hostArea: host,
        period,
        children: counts[k] ?? 0,
        source: flowSourceId,
      });
    });
    for (const s of shares) distantByPair.set(`${placing.area.code}|${s.host.area.code}`, s.miles > DISTANT_MILES);
  }

  const sumFlows = (pred: (flow: PlacementFlow) => boolean): number =>
    flows.filter(pred).reduce((acc, fl) => acc + fl.children, 0);
  const share = (n: number): number => (totalChildren > 0 ? n / totalChildren : 0);
  const achievedOwn = share(sumFlows((fl) => fl.hostArea === fl.placingArea));
  const achievedOutsideConsortium = share(sumFlows((fl) => fl.hostArea === OUTSIDE_CONSORTIUM));
  const achievedDistant = share(
    sumFlows((fl) => distantByPair.get(`${fl.placingArea}|${fl.hostArea}`) === true) +
      phi * sumFlows((fl) => fl.hostArea === OUTSIDE_CONSORTIUM),
  );
  const targetOutsideLaShare = share(targetOutsideLa);
  const targetDistantShare = share(targetDistant);
  const targetOutsideConsortiumShare = share(targetOutsideConsortium);

  // --- Unit costs ------------------------------------------------------------------------------------
  const naoWeekly = NAO_ANNUAL_COST_PER_PLACE / WEEKS_PER_YEAR;
  const privateWeekly =
    naoWeekly / (MIX_PRIVATE + MIX_LA * LA_TO_PRIVATE_PRICE + MIX_VOLUNTARY * VOLUNTARY_TO_PRIVATE_PRICE);
  const homesCostId = 'illustrative-unit-costs-childrens-homes-2023-24';
  const otherCostId = 'illustrative-unit-costs-other-placements-2023-24';
  const privateCost = Math.round(privateWeekly);
  const cost = (placementType: CostPlacementType, sector: CostSector, weekly: number, source: string): UnitCost => ({
    placementType,
    sector,
    weeklyCost: Math.round(weekly),
    priceYear: PRICE_YEAR,
    source,
  });
  const unitCosts: UnitCost[] = [
    cost('childrensHome', 'Local Authority', privateWeekly * LA_TO_PRIVATE_PRICE, homesCostId),
    cost('childrensHome', 'Private', privateWeekly, homesCostId),
    cost('childrensHome', 'Voluntary', privateWeekly * VOLUNTARY_TO_PRIVATE_PRICE, homesCostId),
    cost('childrensHome', 'Block contract', privateWeekly * (1 - BLOCK_CONTRACT_DISCOUNT), homesCostId),
    cost('secure', 'Local Authority', naoWeekly * SECURE_TO_CHILDRENS_HOME, otherCostId),
    cost('fosterInHouse', 'Local Authority', FOSTER_IN_HOUSE_WEEKLY, otherCostId),
    cost('fosterAgency', 'Private', FOSTER_AGENCY_WEEKLY, otherCostId),
    cost('supportedAccommodation', 'Private', SUPPORTED_ACCOMMODATION_WEEKLY, otherCostId),
  ];

  // --- Missing incidents by locality -------------------------------------------------------------------
  const missingPeriod = f.latestCommonPeriod(
    codes,
    ['missingIncidents', 'childrenLookedAfter', 'placedOutsideLaBoundary'],
    periodsOf('missingIncidents'),
  );
  const missingCla = f.sum(codes, 'childrenLookedAfter', missingPeriod);
  const missingIncidents = f.sum(codes, 'missingIncidents', missingPeriod);
  const missingOutShare = missingCla > 0 ? f.sum(codes, 'placedOutsideLaBoundary', missingPeriod) / missingCla : 0;
  const missingRate = missingCla > 0 ? missingIncidents / missingCla : 0;
  const missingInside = missingRate / (1 + (MISSING_RELATIVE_RISK_OUT_OF_AREA - 1) * missingOutShare);
  const missingOutside = missingInside * MISSING_RELATIVE_RISK_OUT_OF_AREA;

  // --- Sources -------------------------------------------------------------------------------------------
  const consortium = facts.consortiumName;
  const common = { publisher: PUBLISHER, file: GENERATOR, licence: LICENCE, url: '', illustrative: true } as const;
  const assumptionsId = 'illustrative-assumptions';
  const sources: Source[] = [
    {
      ...common,
      id: flowSourceId,
      title:
        `Illustrative placing-LA → host-LA flows of children in secure and children's homes for ${consortium}, ` +
        `generated from each member's published children in children's homes (DfE CLA, ${period}), its share placed ` +
        'outside its boundary and more than 20 miles away (scaled to national children’s-homes figures, DfE 2024), ' +
        `Ofsted registered places (${supplyPeriod}) and LA centroid distances. Not published data.`,
      table: `Gravity model (places × exp(−miles/${DISTANCE_DECAY_MILES})) with outside-consortium share calibrated to 20+ mile placements; largest-remainder rounding; seed ${seed}`,
      period: `31 March ${period}`,
    },
    {
      ...common,
      id: homesCostId,
      title:
        "Illustrative weekly cost of a children's home place by sector, centred on the National Audit Office's " +
        `£${thousands(NAO_ANNUAL_COST_PER_PLACE)} per place per year in 2023-24 (£${thousands(Math.round(naoWeekly))} a week): ` +
        `private £${thousands(privateCost)} so that the national 2024 placement mix (${pct(MIX_PRIVATE)} private, ${pct(MIX_LA)} LA-run, ` +
        `${pct(MIX_VOLUNTARY)} voluntary) averages the NAO figure; LA-run ${LA_TO_PRIVATE_PRICE * 100}% and voluntary ${VOLUNTARY_TO_PRIVATE_PRICE * 100}% of private ` +
        `(assumed); block contract ${BLOCK_CONTRACT_DISCOUNT * 100}% below private spot (consortia saved 4–5%, DfE-commissioned research 2015). Not published data.`,
      table: 'NAO 2023-24 average cost per place split by sector with assumed price ratios',
      period: PRICE_YEAR,
    },
    {
      ...common,
      id: otherCostId,
      title:
        `Illustrative weekly costs of other placements, 2023-24: secure children's home ${SECURE_TO_CHILDRENS_HOME}× the NAO children's home average ` +
        `(higher staffing ratios); in-house fostering £${FOSTER_IN_HOUSE_WEEKLY} (allowance, fee and support); agency fostering ` +
        `£${thousands(FOSTER_AGENCY_WEEKLY)}; supported accommodation for 16–17-year-olds £${thousands(SUPPORTED_ACCOMMODATION_WEEKLY)}. ` +
        'Plausible levels chosen for illustration, not taken from a published table.',
      table: 'Assumed levels relative to the NAO children’s home figure',
      period: PRICE_YEAR,
    },
    {
      ...common,
      id: assumptionsId,
      title:
        `Illustrative modelling assumptions for ${consortium}: missing-incident rates by locality derived from the ` +
        `members' published missing incidents and children looked after (DfE, ${missingPeriod}) with an assumed ` +
        'relative risk for out-of-area placements. Not published data.',
      table: 'Overall rate split by locality so the published total is reproduced',
      period: missingPeriod,
    },
  ];

  // --- Assumptions (scripts/illustrative/assumptions.ts) ---
  const assumptions = illustrativeAssumptions({
    achievedDistant,
    achievedOutsideConsortium,
    achievedOwn,
    assumptionsId,
    consortium,
    consortiumFarShare,
    consortiumOutShare,
    distantUplift,
    englandFarShare,
    englandOutShare,
    flowSourceId,
    homesCostId,
    missingCla,
    missingIncidents,
    missingInside,
    missingOutShare,
    missingOutside,
    missingPeriod,
    missingRate,
    naoWeekly,
    outsideUplift,
    period,
    phi,
    seed,
    supplyPeriod,
    targetDistantShare,
    targetOutsideConsortiumShare,
    targetOutsideLaShare,
  });

  return { sources, flows, unitCosts, assumptions };
}

/**
 * The Greater Manchester illustration from any dataset holding the ten GM authorities (such as the
 * national built-in one): they become the members, the consortium is named Greater Manchester, and
 * `buildIllustrative` runs on that.
 */
export function greaterManchesterIllustration(
  dataset: BuiltInDataset,
  seed: number = ILLUSTRATIVE_SEED,
): IllustrativeOutput {
  const members = new Set(GREATER_MANCHESTER_CODES);
  const missing = GREATER_MANCHESTER_CODES.filter((c) => !dataset.areas.some((a) => a.code === c));
  if (missing.length > 0) throw new Error(`The dataset lacks Greater Manchester authorities ${missing.join(', ')}`);
  return buildIllustrative(
    {
      ...dataset,
      consortiumName: 'Greater Manchester',
      areas: dataset.areas.map((a) => ({ ...a, isMember: a.level === 'Local authority' && members.has(a.code) })),
    },
    seed,
  );
}
