/**
 * Checking a recommendation's options before any search: budget, objective, running-cost ceiling,
 * homes per authority, search paths and need types, each problem in words.
 */
import type { ScenarioContext } from '../scenario/types.js';
import { RECOMMEND_NEED_TYPES, RECOMMEND_OBJECTIVES, type RecommendOptions } from './types.js';

export function checkOptions(context: ScenarioContext, options: RecommendOptions): string[] {
  const problems: string[] = [];
  if (!(Number.isFinite(options.budget) && options.budget >= 0))
    problems.push('The budget must be a sum of pounds, 0 or more.');
  if (options.objective !== undefined && !RECOMMEND_OBJECTIVES.includes(options.objective))
    problems.push(`The objective must be one of: ${RECOMMEND_OBJECTIVES.join(', ')}.`);
  if (
    options.runningCostCeiling !== undefined &&
    !(Number.isFinite(options.runningCostCeiling) && options.runningCostCeiling >= 0)
  )
    problems.push('The running-cost ceiling must be a sum of pounds a year, 0 or more.');
  const per = options.maxHomesPerAuthority;
  if (per !== undefined && !(Number.isInteger(per) && per >= 1 && per <= 10))
    problems.push('Homes per authority must be a whole number from 1 to 10.');
  if (options.searchPaths !== undefined && options.searchPaths !== 'median') {
    if (!(Number.isInteger(options.searchPaths) && options.searchPaths >= 1))
      problems.push('The search paths must be "median" or a whole number of simulations, 1 or more.');
    else if (context.simulations === 0) problems.push('The projection kept no simulations to search on.');
  }
  if (context.members.length === 0) problems.push('The plan has no members.');
  for (const t of options.needTypes ?? []) {
    if (!RECOMMEND_NEED_TYPES.includes(t))
      problems.push(`A need type must be one of: ${RECOMMEND_NEED_TYPES.join(', ')} (got ${String(t)}).`);
  }
  const shares = options.needTypeShares === undefined ? context.needTypeShares : options.needTypeShares;
  if (shares && !(shares.soloComplex >= 0 && shares.soloComplex <= 1 && shares.mainstream >= 0))
    problems.push('The need-type shares must be between 0 and 1.');
  if (options.needTypes?.includes('soloComplex') && !shares)
    problems.push('The plan has no need types: homes can only be recommended as mainstream.');
  return problems;
}
