/**
 * Where a problem is, in the words the user sees: a schema path such as "levers.0.la" becomes
 * "lever 1, where" and "horizonYears" becomes "horizon (years)". Used wherever a validation message
 * (zod's or our own) reaches a person: the API's invalid-argument errors, scenario problems in the
 * app, the report and the command line. The raw path stays in the error's details for programs.
 */
import { camelWords } from '../model/words.js';

/** Field names from code, as the forms and messages call them; any other name is split into words. */
const FIELD_WORDS: Record<string, string> = {
  // call arguments
  path: 'file path',
  files: 'files',
  contentBase64: 'file contents',
  suggestedName: 'suggested file name',
  previewId: 'import preview',
  codes: 'member authorities',
  members: 'member authorities',
  consortium: 'consortium',
  horizonYears: 'horizon (years)',
  years: 'years',
  simulations: 'simulations',
  seed: 'seed',
  manualGrowth: 'manual growth',
  withBacktest: 'backtest',
  key: 'assumption',
  value: 'value',
  format: 'format',
  scenarios: 'scenarios',
  ids: 'scenarios',
  geometry: 'map shape',
  referenceMonths: 'reference period (months)',
  referenceStart: 'reference period start',
  referenceEnd: 'reference period end',
  horizonMonths: 'horizon (months)',
  reportMonths: 'months reported',
  mode: 'model',
  // scenarios and their levers, as the lever form labels them
  scenario: 'scenario',
  levers: 'lever',
  name: 'name',
  notes: 'notes',
  illustrative: 'illustrative',
  la: 'where',
  commissionedBy: 'who may use them',
  beds: 'beds',
  weeklyPrice: 'weekly price',
  termYears: 'term (years)',
  guaranteedAccess: 'guaranteed access',
  voidCostShare: 'paid when empty',
  fromExistingPlaces: 'existing open-market places',
  indexed: 'price rises with price growth',
  runBy: 'run by',
  places: 'places',
  needType: 'need type',
  capitalCost: 'capital cost',
  runningCostPerYear: 'running cost',
  openingYear: 'opening year',
  share: 'offered first',
  sector: 'sector',
  year: 'year',
  entriesReduction: 'fewer entries',
  annualShare: 'stepping down each year',
  fosterWeeklyCost: 'foster placement cost',
  annualRate: 'real growth',
  startYear: 'start year',
  annualCost: 'annual cost',
  rampUp: 'ramp-up',
  label: 'label',
  type: 'kind of lever',
};

/** A field name in words: "weeklyPrice" → "weekly price"; an unknown one split at its capitals. */
export function plainField(key: string): string {
  return FIELD_WORDS[key] ?? camelWords(key);
}

/**
 * A path in words: ["levers", 0, "la"] or "levers.0.la" → "lever 1, where"; ["rampUp", 2] →
 * "ramp-up, item 3"; [] → "".
 */
export function plainPath(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? (path ? path.split('.') : []) : path.map(String);
  const words: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const n = Number(part) + 1;
      const last = words.pop();
      // "lever 1" where the list is named for its items; else "…, item 3"
      words.push(last === undefined ? `item ${n}` : last === 'lever' ? `lever ${n}` : `${last}, item ${n}`);
    } else words.push(plainField(part));
  }
  return words.join(', ');
}

/** One problem as a person reads it: "lever 1, where: E08000001 is not a member…". */
export function plainIssue(path: readonly PropertyKey[] | string, message: string): string {
  const where = plainPath(path);
  return where ? `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${message}` : message;
}
