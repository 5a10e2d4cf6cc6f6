/**
 * Checks the built-in national dataset (resources/dataset/builtin-england.json) has the shape the
 * plan schema expects, so a bad rebuild fails loudly wherever the dataset is loaded from.
 */
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { suppressionCodes } from '#shared/model/dataset.js';
import { isMeasureId } from '#shared/model/measures.js';

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
  const problems: string[] = [];
  dataset.supply.forEach((r, i) => {
    if (!areaCodes.has(r.area)) problems.push(`supply row ${i}: unknown area ${r.area}`);
    if (!sourceIds.has(r.source)) problems.push(`supply row ${i}: unknown source ${r.source}`);
  });
  dataset.flows.forEach((f, i) => {
    if (!areaCodes.has(f.placingArea)) problems.push(`flow ${i}: unknown placing area ${f.placingArea}`);
    if (!sourceIds.has(f.source)) problems.push(`flow ${i}: unknown source ${f.source}`);
  });
  (dataset.supplyMovements ?? []).forEach((m, i) => {
    if (!areaCodes.has(m.area)) problems.push(`supply movement row ${i}: unknown area ${m.area}`);
    if (!sourceIds.has(m.source)) problems.push(`supply movement row ${i}: unknown source ${m.source}`);
  });
  (dataset.placementSpend ?? []).forEach((s, i) => {
    if (!areaCodes.has(s.area)) problems.push(`placement spend row ${i}: unknown area ${s.area}`);
    if (!sourceIds.has(s.source)) problems.push(`placement spend row ${i}: unknown source ${s.source}`);
  });
  for (const item of [...dataset.unitCosts, ...dataset.assumptions]) {
    if (item.source !== null && !sourceIds.has(item.source)) problems.push(`unknown source ${item.source}`);
  }
  if (problems.length) throw new Error(`Built-in dataset: ${problems.slice(0, 5).join('; ')}`);
  return dataset;
}
