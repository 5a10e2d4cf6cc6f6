/**
 * Scenarios and their levers: what a consortium might do (block-contract beds, open homes, agree
 * local-first access, close homes, prevent entries, step children down to foster care, face price
 * rises, cap distant placements), as data with zod schemas that check units and ranges and say
 * clearly what is wrong. The baseline is a scenario with no levers.
 *
 * Units, everywhere: money in pounds (weekly prices in £ per bed or place per week, capital in £,
 * running and programme costs in £ per year), shares from 0 to 1 (0.2 = 20%), years written as the
 * financial year ending 31 March ("2027" = April 2026 to March 2027, shown as "2026-27"), places
 * and beds as whole numbers. LAs are named by ONS code (E08000002 = Bury).
 *
 * A lever's `rampUp` lists the share of its capacity or effect available in its first, second…
 * year (e.g. [0.5] = half in the first year, all from the second); after the list ends it is 1.
 *
 * The static schemas check what can be checked without a plan; `checkScenarioForContext`
 * (./parse.ts) then checks LAs against the consortium's members and years against the projection
 * horizon.
 */
import { z } from 'zod';

const yearPattern = /^20\d{2}$/;
const yearMessage = 'Write years as the financial year ending 31 March, from 2000 to 2099, e.g. "2027".';

const year = (what: string) =>
  z
    .string({ error: `${what} must be a year such as "2027" (the year ending 31 March).` })
    .regex(yearPattern, `${what}: ${yearMessage}`)
    .describe(`${what}: the financial year ending 31 March, e.g. "2027" for April 2026 to March 2027.`);

const laCode = z
  .string({ error: 'Name the local authority by its nine-character ONS code (E06…, E08…, E09… or E10…).' })
  .regex(/^E\d{8}$/, 'Name the local authority by its nine-character ONS code (E06…, E08…, E09… or E10…).')
  .describe('Nine-character ONS code of a member local authority (E06…, E08…, E09… or E10…).');

const laOrAll = z
  .union([laCode, z.literal('all')], {
    error: 'Name a member local authority by its nine-character ONS code, or "all" for every member.',
  })
  .describe('ONS code of a member local authority, or "all" for every member.');

const share = (what: string, max = 1) =>
  z
    .number({ error: `${what} must be a number from 0 to ${max}.` })
    .min(0, `${what} must be a share from 0 to ${max} (e.g. 0.2 for 20%); it cannot be negative.`)
    .max(max, `${what} must be a share from 0 to ${max} (e.g. 0.2 for 20%), not a percentage.`);

/** Whole number with thousands separators, the same in every locale. */
const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const pounds = (what: string, max: number, unit: string) =>
  z
    .number({ error: `${what} must be a number of pounds (${unit}).` })
    .min(0, `${what} cannot be negative.`)
    .max(max, `${what} above £${thousands(max)} (${unit}) is not plausible: check the units.`)
    .describe(`${what}, £ ${unit}.`);

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a whole number.` })
    .int(`${what} must be a whole number.`)
    .min(min, min === 1 ? `${what} must be at least 1.` : `${what} cannot be below ${min}; no negative numbers.`)
    .max(max, `${what} above ${thousands(max)} is not plausible.`);

const rampUp = z
  .array(share('Each ramp-up share'), { error: 'The ramp-up must be a list of shares, e.g. [0.5, 0.75].' })
  .max(10, 'List at most 10 ramp-up years (full capacity is assumed after the list ends).')
  .optional()
  .describe(
    'Share of the capacity or effect in the first, second… year from the start, e.g. [0.5] for half in the first year; 1 after the list ends.',
  );

const common = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'A lever id may use letters, digits, "-", "_" and "." (at most 64 characters).')
    .optional()
    .describe('Optional stable identifier, used to trace figures back to the lever.'),
  label: z.string().max(200, 'Keep the label under 200 characters.').optional(),
};

const evidenceField = z
  .string()
  .max(2_000, 'Keep the evidence under 2,000 characters.')
  .optional()
  .describe('What the effect rests on: the evaluation, its size and setting, and why it applies here.');

export const needTypes = ['mainstream', 'soloComplex', 'youngerChildren', 'exploitationRisk', 'mentalHealth'] as const;
export type NeedType = (typeof needTypes)[number];

export const closureSectors = ['Local Authority', 'Private', 'Voluntary'] as const;

export const blockContractSchema = z
  .object({
    type: z.literal('blockContract'),
    ...common,
    la: laCode.describe('Where the contracted beds are (host LA, ONS code).'),
    commissionedBy: z
      .union([z.literal('consortium'), laCode], {
        error: 'commissionedBy must be "consortium" or the ONS code of the member LA holding the contract.',
      })
      .default('consortium')
      .describe('Who may use the beds: "consortium" (any member’s children) or one member LA’s code.'),
    beds: wholeNumber('Beds', 1, 200),
    weeklyPrice: pounds('The weekly price', 50_000, 'per bed per week'),
    startYear: year('The start year'),
    termYears: wholeNumber('The term', 1, 25).describe('Length of the contract in years.'),
    guaranteedAccess: share('Guaranteed access')
      .default(1)
      .describe('Share of the contracted beds the provider guarantees to hold for the commissioner’s children.'),
    voidCostShare: share('The void cost share')
      .default(1)
      .describe(
        'Share of the weekly price paid for a contracted bed left empty (1 = full price, the usual block terms).',
      ),
    fromExistingPlaces: z
      .boolean()
      .default(true)
      .describe(
        'True when the beds are existing open-market places in the host LA (they stop being open market); false for new places.',
      ),
    indexed: z
      .boolean()
      .default(false)
      .describe(
        'True when the contract price rises with any price-inflation lever; false for a price fixed for the term.',
      ),
    rampUp,
  })
  .describe('Block contract: beds reserved for a term at an agreed price, paid for whether used or not.');

export const newHomeSchema = z
  .object({
    type: z.literal('newHome'),
    ...common,
    la: laCode.describe('Where the home is (ONS code).'),
    runBy: z
      .enum(['consortium', 'la'], {
        error: 'runBy must be "consortium" or "la" (run by the host LA for its own children).',
      })
      .default('consortium'),
    places: wholeNumber('Places', 1, 50),
    needType: z
      .enum(needTypes, { error: `The need type must be one of: ${needTypes.join(', ')}.` })
      .default('mainstream'),
    capitalCost: pounds('The capital cost', 50_000_000, 'one-off'),
    runningCostPerYear: pounds('The running cost', 20_000_000, 'per year'),
    openingYear: year('The opening year'),
    assetLifeYears: wholeNumber('The asset life', 1, 60)
      .default(25)
      .describe(
        'Years over which the capital is written off straight-line; what is left at the horizon is credited as residual value in the NPV.',
      ),
    rampUp,
  })
  .describe(
    'A new LA- or consortium-run children’s home: capital spent the year before it opens, running costs from opening, the capital’s residual value credited at the horizon.',
  );

export const localFirstAgreementSchema = z
  .object({
    type: z.literal('localFirstAgreement'),
    ...common,
    la: laOrAll.describe('Member LA whose providers sign up, or "all".'),
    share: share('The local-first share').describe(
      'Share of open-market places in the LA(s) offered first to consortium children.',
    ),
    startYear: year('The start year'),
    annualCost: pounds('The annual cost', 5_000_000, 'per year')
      .default(0)
      .describe('Cost of running the agreement (contract management, any retainer), £ per year.'),
    rampUp,
  })
  .describe('Local-first access agreement with existing providers in member LAs.');

export const closureSchema = z
  .object({
    type: z.literal('closure'),
    ...common,
    la: laCode,
    sector: z.enum(closureSectors, { error: `The sector must be one of: ${closureSectors.join(', ')}.` }),
    places: wholeNumber('Places closed', 1, 2_000),
    year: year('The closure year').describe('First year the places are gone.'),
  })
  .describe('Closure or deregistration of existing places.');

export const preventionSchema = z
  .object({
    type: z.literal('prevention'),
    ...common,
    la: laOrAll,
    entriesReduction: share('The reduction in entries', 0.9).describe(
      'Share by which edge-of-care work reduces entries to children’s homes (0.1 = 10% fewer).',
    ),
    startYear: year('The start year'),
    annualCost: pounds('The annual cost', 20_000_000, 'per year')
      .default(0)
      .describe('Fixed cost of the service (team, management), £ per year, on top of the cost per child.'),
    costPerChild: pounds('The cost per child worked with', 200_000, 'per child or family worked with')
      .optional()
      .describe(
        'Delivery cost per child or family worked with; default the model’s assumption (about £10,000, intensive edge-of-care support).',
      ),
    workedWithPerEntryPrevented: z
      .number({ error: 'Children worked with per entry prevented must be a number, at least 1.' })
      .min(
        1,
        'Children worked with per entry prevented must be at least 1: not every child worked with would have entered a home.',
      )
      .max(50, 'Children worked with per entry prevented above 50 is not plausible.')
      .optional()
      .describe(
        'How many children or families are worked with for each entry to a children’s home prevented; default the model’s assumption (4).',
      ),
    evidence: evidenceField,
    rampUp,
  })
  .describe('Edge-of-care prevention reducing entries to children’s homes.');

export const stepDownSchema = z
  .object({
    type: z.literal('stepDown'),
    ...common,
    la: laOrAll,
    annualShare: share('The annual step-down share', 0.9).describe(
      'Share of children in children’s homes stepping down to foster care each year, beyond today’s moves.',
    ),
    startYear: year('The start year'),
    fosterWeeklyCost: pounds('The foster weekly cost', 10_000, 'per child per week')
      .optional()
      .describe('Weekly cost of the foster placement a child steps down to; default the plan’s agency fostering cost.'),
    annualCost: pounds('The annual cost', 20_000_000, 'per year')
      .default(0)
      .describe('Fixed cost of the programme (recruiting and supporting carers), £ per year.'),
    costPerChild: pounds('The cost per child stepped down', 200_000, 'per child stepped down')
      .optional()
      .describe(
        'One-off cost of each move (matching, transition, extra support); default the model’s assumption (about £5,000).',
      ),
    evidence: evidenceField,
    rampUp,
  })
  .describe('Step-down from children’s homes to foster care.');

export const priceInflationSchema = z
  .object({
    type: z.literal('priceInflation'),
    ...common,
    annualRate: z
      .number({ error: 'The annual rate must be a number such as 0.03 for 3%.' })
      .min(-0.2, 'The annual rate must be at least −0.2 (−20% a year).')
      .max(0.3, 'The annual rate must be at most 0.3 (30% a year): write 3% as 0.03.'),
    startYear: year('The start year'),
  })
  .describe(
    'Real growth in prices (above general inflation, since the discount rate is real) from the start year: spot prices, running and programme costs, and indexed block contracts.',
  );

export const distancePolicySchema = z
  .object({
    type: z.literal('distancePolicy'),
    ...common,
    la: laOrAll.default('all'),
    startYear: year('The start year'),
    rampUp: rampUp.describe(
      'Share of children subject to the policy in its first, second… year; by default those placed since it started (placement turnover).',
    ),
  })
  .describe('No new placements more than 20 miles from home unless no bed is available nearer.');

export const leverSchema = z.discriminatedUnion(
  'type',
  [
    blockContractSchema,
    newHomeSchema,
    localFirstAgreementSchema,
    closureSchema,
    preventionSchema,
    stepDownSchema,
    priceInflationSchema,
    distancePolicySchema,
  ],
  {
    error:
      'Each lever needs a type: blockContract, newHome, localFirstAgreement, closure, prevention, stepDown, priceInflation or distancePolicy.',
  },
);

export const scenarioSchema = z
  .object({
    id: z
      .string({ error: 'A scenario needs an id.' })
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'A scenario id may use letters, digits, "-", "_" and "." (at most 64).'),
    name: z
      .string({ error: 'A scenario needs a name.' })
      .trim()
      .min(1, 'A scenario needs a name.')
      .max(120, 'Keep the name under 120 characters.'),
    notes: z.string().max(10_000, 'Keep the notes under 10,000 characters.').default(''),
    illustrative: z
      .boolean()
      .default(false)
      .describe('True when the lever values are illustrations rather than the consortium’s own figures.'),
    levers: z.array(leverSchema).max(200, 'A scenario may have at most 200 levers.').default([]),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.levers.forEach((lever, i) => {
      if (lever.id === undefined) return;
      if (seen.has(lever.id)) {
        ctx.addIssue({ code: 'custom', path: ['levers', i, 'id'], message: `Lever id "${lever.id}" is used twice.` });
      }
      seen.add(lever.id);
    });
  })
  .describe('A scenario: named levers applied to the baseline (a scenario with no levers).');

export type BlockContractLever = z.output<typeof blockContractSchema>;
export type NewHomeLever = z.output<typeof newHomeSchema>;
export type LocalFirstAgreementLever = z.output<typeof localFirstAgreementSchema>;
export type ClosureLever = z.output<typeof closureSchema>;
export type PreventionLever = z.output<typeof preventionSchema>;
export type StepDownLever = z.output<typeof stepDownSchema>;
export type PriceInflationLever = z.output<typeof priceInflationSchema>;
export type DistancePolicyLever = z.output<typeof distancePolicySchema>;
export type Lever = z.output<typeof leverSchema>;
export type LeverType = Lever['type'];
export type Scenario = z.output<typeof scenarioSchema>;
/** What a user or file may supply: defaults not yet filled in. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** JSON Schema (draft 2020-12) of a scenario as a user writes it, for `planner scenario schema`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
