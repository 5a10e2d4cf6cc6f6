/**
 * Stock-flow projections from the SSDA903 returns held in the plan: the reference-compatible mode
 * (sf-regional) and our corrected mode, on a chosen reference window.
 */
import type { CallResults, PlannerHandlers } from '#shared/api/contract.js';

type StockFlowArgs = Parameters<PlannerHandlers['getStockFlowProjection']>[0];
import { PlannerError } from '#shared/api/errors.js';
import { fitStockFlow, projectStockFlow } from '#shared/forecast/stockflow/index.js';
import {
  addMonths,
  civilFromDay,
  dayFromCivil,
  importSsda903,
  isoFromDay,
  NO_DATE,
} from '#shared/import/ssda903/index.js';
import { readSsda903Files } from '../store/ssda903Data.js';
import { readSsda903Parsed } from '../store/ssda903Parsed.js';
import type { PlanDatabase } from '../store/database.js';

/** What a stock-flow run reads the plan through: the plan service, or a plan file opened read-only. */
export interface PlanReader {
  read<T>(fn: (db: PlanDatabase) => T): T;
}

/**
 * The end of the data: the 31 March on or after the latest episode date held (returns run from
 * 1 April to 31 March; the YEAR column's convention differs between layouts, so dates decide).
 */
function dataEndDay(decom: Int32Array, dec: Int32Array): number {
  let latest = NO_DATE;
  for (let i = 0; i < decom.length; i++) latest = Math.max(latest, decom[i] ?? NO_DATE, dec[i] ?? NO_DATE);
  if (latest === NO_DATE) throw new PlannerError('INVALID_ARGUMENT', 'The SSDA903 episodes held have no dates.');
  const { year } = civilFromDay(latest);
  const march31 = dayFromCivil(year, 3, 31);
  return latest <= march31 ? march31 : dayFromCivil(year + 1, 3, 31);
}

export function runStockFlow(plans: PlanReader, args: StockFlowArgs): CallResults['getStockFlowProjection'] {
  // Every LA's episodes: as stored at import (read from the text when not stored); some LAs: read.
  const read = plans.read((db) => {
    if (!args.la?.length) return readSsda903Parsed(db);
    const files = readSsda903Files(db);
    return files.length ? importSsda903(files, { la: args.la }) : null;
  });
  if (!read) {
    throw new PlannerError(
      'INVALID_ARGUMENT',
      'This plan holds no SSDA903 returns: import your header and episodes files to use the stock-flow method.',
    );
  }
  const { dataset, issues } = read;
  if (dataset.episodes.length === 0) {
    throw new PlannerError(
      'INVALID_ARGUMENT',
      `No SSDA903 episodes${args.la?.length ? ` for ${args.la.join(', ')}` : ''} in this plan.`,
    );
  }
  const end =
    args.referenceEnd !== undefined
      ? args.referenceEnd
      : isoFromDay(dataEndDay(dataset.episodes.decom, dataset.episodes.dec));
  const endDay = dayFromCivil(Number(end.slice(0, 4)), Number(end.slice(5, 7)), Number(end.slice(8, 10)));
  const start = args.referenceStart ?? isoFromDay(addMonths(endDay, -(args.referenceMonths ?? 12)));
  try {
    const model = fitStockFlow(dataset.episodes, dataset.children, {
      mode: args.mode,
      uasc: args.uasc ?? 'all',
      referenceStart: start,
      referenceEnd: end,
      projectionStart: end,
    });
    const projection = projectStockFlow(model, {
      horizonMonths: args.horizonMonths,
      reportMonths:
        args.reportMonths ?? Array.from({ length: Math.floor(args.horizonMonths / 6) }, (_, i) => (i + 1) * 6),
      ...(args.mode === 'corrected' ? { simulations: args.simulations ?? 1000, seed: args.seed ?? 1 } : {}),
    });
    return {
      projection,
      referenceStart: start,
      referenceEnd: end,
      las: dataset.las.filter(Boolean),
      children: dataset.children.length,
      episodes: dataset.episodes.length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
      errors: issues.filter((i) => i.severity === 'error').length,
    };
  } catch (error) {
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
  }
}
