/**
 * The report's methodology in plain English: what is projected, the method and the evidence it was
 * chosen on, the uncertainty, from children to beds, the places the consortium can count on, and
 * the scenarios' allocation model. Pure, unit-tested.
 */
import type { BacktestResult, ProjectionResult } from '#shared/forecast/types.js';
import type { PlanSummary } from '#shared/model/summary.js';
import type { ScenarioOutcome } from '#shared/scenario/index.js';
import {
  buildNationalGroups,
  buildOwnBacktest,
  buildTotalsCoverage,
  selectionWords,
  type NationalGroup,
  type OwnBacktest,
  type TotalsCoverage,
  type SelectionWords,
} from '#renderer/models/evidenceModel.js';
import { formatWhole } from '#renderer/format/numbers.js';
import { formatSharePercent } from '#renderer/format/shares.js';

export interface MethodologyPart {
  heading: string;
  paragraphs: string[];
}

/** Which method is used and why, with the national evidence and the consortium's own backtest. */
export interface MethodEvidence {
  /** Null when the method was not chosen by a backtest (manual growth). */
  selection: SelectionWords | null;
  national: NationalGroup[];
  /** English authorities in the national backtest. */
  nationalAreas: number;
  own: OwnBacktest;
  /** The chosen method's ranges for summed totals, origin by origin. */
  totals: TotalsCoverage;
}

export interface Methodology {
  parts: MethodologyPart[];
  evidence: MethodEvidence;
  /** Sentences about the backtest, shown with its table. */
  backtest: string[];
  limitations: string[];
}

export interface MethodologyInput {
  summary: PlanSummary;
  projection: ProjectionResult | null;
  backtest: BacktestResult | null;
  scenarios: ScenarioOutcome | null;
  hasScenarios: boolean;
}

const assumptionValue = (projection: ProjectionResult | null, key: string) =>
  projection?.assumptions.find((a) => a.key === key)?.value;

const pct = (share: number | undefined, fallback: string) =>
  share === undefined ? fallback : formatSharePercent(share);

/** The methods, their accuracy and their limits in plain English, from the plan's own settings. */
export function buildMethodology(input: MethodologyInput): Methodology {
  const { summary, projection, backtest } = input;
  const parts: MethodologyPart[] = [];
  const horizon = projection?.years.length ?? 5;
  const firstYear = projection?.years[0];
  const lastYear = projection?.years.at(-1);

  parts.push({
    heading: 'What is projected',
    paragraphs: [
      `The report estimates how many children from the ${summary.consortium.memberCount === 1 ? 'member authority' : `${summary.consortium.memberCount} member authorities`} of ${summary.consortium.name} will need a place in a children’s home or a secure children’s home on 31 March of each of the next ${horizon} years` +
        (firstYear && lastYear ? ` (${firstYear} to ${lastYear})` : '') +
        ', how many beds that means, and how that compares with the places the consortium’s children can count on.',
    ],
  });

  const damping = assumptionValue(projection, 'trendDamping');
  if (!projection || projection.method === 'rate') {
    const selection = projection?.selection;
    const used = selection?.used ?? '';
    parts.push({
      heading: 'The projection method, chosen on evidence',
      paragraphs: [
        ...(selection
          ? [
              `The method used is ${selection.usedLabel.toLowerCase()}. ${selection.used === selection.chosen ? 'It was chosen on evidence: the national backtest below.' : 'It was set by hand; the national backtest below shows the evidence.'} Every authority’s projection starts from its last observed figure, never from a fitted line, so the first projected year continues from what was last published.`,
            ]
          : []),
        'Six methods were tried on every English authority’s published history, each refitted as if standing at every earlier year and scored on the years that followed (a rolling-origin backtest): last value (no change), a random walk with drift, damped trends on the count of children in secure and children’s homes and on its rate per 10,000 children aged 0 to 17, and the same damped trends pooled across authorities (each authority’s trend pulled towards its region’s and England’s, more strongly where its own figures are few or noisy). The default is the method with the lowest error relative to last value one, two and three years ahead, provided it is no worse than last value at any of them; if none is, last value is used and the report says so.',
        ...(used === 'lastValue'
          ? [
              'Last value carries each authority’s latest figure forward unchanged: on the national evidence no trend method forecast better.',
            ]
          : used.toLowerCase().includes('damped')
            ? [
                `The trend is damped: each further year keeps ${pct(damping, 'a share')} of the previous year’s change, so growth levels off rather than compounding.${used.endsWith('Rate') ? ' The projected rate is applied to the projected number of children aged 0 to 17 in each authority (held at the latest estimate, changed only by the plan’s own growth assumption, unless an ONS projection is imported).' : ''}`,
              ]
            : []),
      ],
    });
  } else {
    parts.push({
      heading: 'Manual growth',
      paragraphs: [
        'Each authority’s last observed number of children in secure and children’s homes is grown by an annual rate set by the consortium. The rates are stated in the assumptions register.',
      ],
    });
  }

  if (projection && projection.uncertainty === 'simulated') {
    parts.push({
      heading: 'Uncertainty: Monte Carlo simulation',
      paragraphs: [
        `The projection is run ${formatWhole(projection.simulations)} times. Each run draws every authority’s error from the method’s own out-of-sample errors in the national backtest, scaled to the authority’s size and calibrated so that 80% ranges held about 80% of the outcomes published later, with a share of each year’s error common to all authorities at the level that regions and other groups of authorities showed. The report gives the median (the middle of the runs) and the 80% range (from the 10th to the 90th percentile).`,
        `The consortium’s figures add up its authorities within each run, so its range is narrower than the sum of the authorities’ ranges. The runs use a fixed seed (${projection.seed}), so the same plan gives the same figures.`,
      ],
    });
  } else if (projection) {
    parts.push({
      heading: 'Uncertainty',
      paragraphs: [
        'The ranges are an approximation (a lognormal spread around the central path) rather than simulations. The report gives the median and the 80% range (the 10th to the 90th percentile).',
      ],
    });
  }

  const occupancy = assumptionValue(projection, 'targetOccupancy');
  const solo = assumptionValue(projection, 'needTypeShare.soloComplex');
  parts.push({
    heading: 'From children to beds: occupancy',
    paragraphs: [
      `A home cannot be full all the time: matching children with each other, sibling groups and changing needs leave beds empty. Beds needed are children ÷ target occupancy (${pct(occupancy, 'the target occupancy')}). ` +
        (solo === undefined
          ? ''
          : `${pct(solo, '')} of children are assumed to need a solo or complex-needs home, shown separately in the projection.`),
    ],
  });

  const own = assumptionValue(projection, 'openMarketAccessShare');
  const shared = assumptionValue(projection, 'consortiumOpenMarketAccessShare');
  parts.push({
    heading: 'Places the consortium can count on: accessible places',
    paragraphs: [
      'Registered places are the Ofsted-registered places in children’s homes located in each authority at the latest snapshot, leaving out short-break-only homes and secure homes.',
      `Not every place is open to the consortium’s children, because private and voluntary homes take children from all over England. Places in homes run by the authorities and block-contracted places count in full; of the other places, ${ownShareWords(projection?.accessShares, own)} and ${pct(shared, 'a share')} of those anywhere in the consortium to consortium children. These are accessible places. The gap is beds needed minus accessible places: a positive gap is a shortfall.`,
    ],
  });

  if (input.hasScenarios || input.scenarios) {
    const s = input.scenarios;
    parts.push({
      heading: 'Scenarios: the allocation model',
      paragraphs: [
        'Each scenario changes supply or demand: for example block-contracting beds, opening homes, agreeing local-first access, preventing entries to care or stepping children down to foster care. The baseline is the same model with no changes.',
        'For each year the model places the projected children in the beds available by solving a minimum-cost allocation: each child is placed where the weekly price plus a penalty for distance from home is lowest, in the authority’s own homes, elsewhere in the consortium or outside it. The market outside the consortium is calibrated so that the baseline reproduces the published share of children placed more than 20 miles from home.',
        s
          ? `Costs use weekly prices by sector; future costs are discounted at ${formatSharePercent(s.discountRate)} a year (HM Treasury Green Book) to give a net present value. Ranges come from ${s.uncertainty === 'simulated' ? `allocating ${formatWhole(s.simulations)} demand simulations` : 'allocating the low and high demand paths'}.`
          : 'Costs use weekly prices by sector; future costs are discounted to give a net present value.',
      ],
    });
  }

  const backtestLines: string[] = [];
  if (backtest) {
    backtestLines.push(
      `To see how well the method would have done, it was refitted as if standing at earlier years (${backtest.origins.join(', ')}) and its forecasts were compared with the figures later published. MAE is the average error in children; MAPE is the average error as a percentage of the actual figure; coverage is how often the actual figure fell inside the 80% range (about 80% is right). Each row shows n, the number of forecasts behind it.`,
      ...backtest.notes,
    );
  } else {
    backtestLines.push(
      'No backtest is available: the plan does not hold enough years of history to refit the method on earlier years.',
    );
  }

  const selection = projection?.selection ?? null;
  const evidence: MethodEvidence = {
    selection: selection ? selectionWords(selection) : null,
    national: selection ? buildNationalGroups(selection, selection.horizons) : [],
    nationalAreas: selection?.areas ?? 0,
    own: buildOwnBacktest(backtest),
    totals: buildTotalsCoverage(selection),
  };

  const limitations: string[] = [
    'Small numbers: many authorities have tens of children in children’s homes, so a few children more or fewer make a large difference in percentage terms, and trends fitted on five or six years of figures are uncertain.',
  ];
  if (backtest && evidence.own.thin) limitations.push(evidence.own.verdict);
  limitations.push(
    'Demand counts children in secure homes and children’s homes together, as the Department for Education publishes it, while supply counts children’s homes only; the gap therefore slightly overstates the need for children’s home places.',
  );
  const illustrative = summary.sources.filter((s) => s.illustrative);
  if (illustrative.length) {
    limitations.push(
      `Illustrative values: ${illustrative.length} of the plan’s ${summary.sources.length} sources are generated for illustration, not published (they are marked in the data sources). Replace them with the consortium’s own figures before relying on costs, placement flows or missing-incident figures.`,
    );
  }
  limitations.push(
    'Supply is held at the latest Ofsted snapshot unless a scenario changes it: homes opened or closed since then are not counted.',
  );
  if (summary.gaps.some((g) => g.measure === 'populationProjection')) {
    limitations.push(
      'Population: the plan has no ONS population projection, so the future number of children is held at the latest mid-year estimate, changed only by the plan’s annual growth assumption (stated in the assumptions register); a short recent trend is not extrapolated.',
    );
  }
  limitations.push(
    'Accessible-place shares and occupancy are assumptions, not measurements: the assumptions register states each one and why. The chance of being short depends on them as much as on the forecast, and is given as a figure only between 1% and 99%; outside that it says only “near certain” or “very unlikely”.',
    'The model plans capacity, not placements: it does not capture individual children’s needs, matching or placement stability.',
  );
  for (const w of projection?.warnings ?? []) {
    if (!/secure homes/.test(w)) limitations.push(w);
  }

  return { parts, evidence, backtest: backtestLines, limitations };
}

/**
 * The own-authority share in words: one figure where every member uses the same share, otherwise
 * the range of the members' own estimates (from their published figures) and their average.
 */
function ownShareWords(shares: ProjectionResult['accessShares'], average: number | undefined): string {
  const own = shares?.filter((a) => a.basis !== 'set') ?? [];
  if (own.length < 2)
    return `${pct(average, 'a share')} of those in an authority are assumed available to its own children`;
  const low = Math.min(...own.map((a) => a.share));
  const high = Math.max(...own.map((a) => a.share));
  return `a share of those in an authority is available to its own children, estimated for each member from its published figures (the children it placed inside its own boundary against its places: from ${pct(low, '')} to ${pct(high, '')}, ${pct(average, '')} on average, listed in the base-year table)`;
}
