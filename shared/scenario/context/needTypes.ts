/**
 * The projection's need-type split (mainstream, solo or complex) as the scenario context holds it.
 */
import type { ScenarioContext } from '../types.js';

/** The projection's need-type split (its `needTypeShare.*` assumptions), or null when it has none. */
export function needTypeSharesOf(
  assumptions: readonly { key: string; value: number; rationale: string }[],
): ScenarioContext['needTypeShares'] {
  const solo = assumptions.find((a) => a.key === 'needTypeShare.soloComplex');
  const mainstream = assumptions.find((a) => a.key === 'needTypeShare.mainstream');
  if (!solo || !mainstream) return null;
  return { mainstream: mainstream.value, soloComplex: solo.value, basis: solo.rationale };
}
