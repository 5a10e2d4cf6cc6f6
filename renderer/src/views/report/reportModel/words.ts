/**
 * The report's file name. The report's numbers, money, shares and dates are formatted by the one
 * formatting module (renderer/src/format/). Pure, unit-tested.
 */
import type { OpenPlanState } from '#shared/api/contract.js';
import { fileSlug } from '#renderer/app/fileNames.js';
/** A file name to suggest for the PDF, e.g. "greater-manchester-report.pdf". */
export function reportFileName(plan: Pick<OpenPlanState, 'name' | 'untitled' | 'consortiumName'>): string {
  const base = plan.untitled ? plan.consortiumName : plan.name;
  return `${fileSlug(base, 80) || 'plan'}-report.pdf`;
}
