/** The built-in Greater Manchester dataset every new plan starts from (resources/dataset). */
import builtin from '../../resources/dataset/builtin-gm.json';
import type { BuiltInDataset } from '../../shared/model/dataset.js';
import { suppressionCodes } from '../../shared/model/dataset.js';
import { isMeasureId } from '../../shared/model/measures.js';

/** Checks the bundled JSON has the shape the plan schema expects, so a bad rebuild fails loudly. */
export function checkDataset(dataset: BuiltInDataset): BuiltInDataset {
  const areaCodes = new Set(dataset.areas.map((a) => a.code));
  const sourceIds = new Set(dataset.sources.map((s) => s.id));
  dataset.observations.forEach((o, i) => {
    const where = `built-in dataset observation ${i} (${o.area}, ${o.measure}, ${o.period})`;
    if (!isMeasureId(o.measure)) throw new Error(`${where}: unknown measure.`);
    if (!areaCodes.has(o.area)) throw new Error(`${where}: unknown area.`);
    if (!sourceIds.has(o.source)) throw new Error(`${where}: unknown source ${o.source}.`);
    if (o.value === null && (o.suppression === null || !suppressionCodes.includes(o.suppression))) {
      throw new Error(`${where}: a missing value needs its suppression code.`);
    }
  });
  return dataset;
}

export const builtInTemplate: BuiltInDataset = checkDataset(builtin as unknown as BuiltInDataset);
