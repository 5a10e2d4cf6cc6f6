/**
 * Builds the national built-in dataset (resources/dataset/builtin-england.json) from the published
 * DfE, Ofsted, ONS and MHCLG files in ../shared/data: every current English upper-tier (children's
 * services) authority from the reference list built by scripts/build-reference.ts, the nine English
 * regions and England, with the same measures for each, so that a plan can be made for any set of
 * authorities. No authority is a member: a plan chooses its own (`isMember` is false throughout).
 *
 *   npx tsx scripts/build-dataset.ts [--data DIR] [--out FILE]
 *
 * What it holds: children looked after (number, rate per 10,000, starting, ceasing), children in
 * secure and children's homes, placed outside the LA boundary, placed more than 20 miles away, by
 * place provider, children with a missing incident and missing incidents, other LAs' children placed
 * inside, ONS population aged 0 to 17, Ofsted children's homes and registered places by LA, sector,
 * type of home and judgement, authority centroids, and each council's published spending on
 * residential and foster care with the cost per child derived from it (scripts/national-costs.ts).
 * Placement flows are left out: they are modelled or imported for each plan (the Greater Manchester
 * illustration stays available as scripts/illustrative.ts buildIllustrative).
 *
 * LA codes in the inputs are mapped to current ONS codes through the reference crosswalk (e.g.
 * Barnsley's E08000016 to E08000038). Rows of abolished authorities (Cumbria, Northamptonshire) and
 * of former codes whose boundaries changed are left out of the areas (their figures cannot be split
 * between successors) but kept in the build's notes, so the totals test can account for them.
 * Suppressed values stay missing with their code, never 0.
 *
 * The output is deterministic: stable ordering, a fixed JSON layout with a trailing newline, and a
 * `generatedAt` taken from the latest period in the inputs, so re-running gives identical bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Area, PlacementSpendService } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { homeTypes } from '#shared/model/supply.js';
import { parseBuildArgs } from './build-reference.js';
import { thousands } from './national-costs.js';
import { buildDatasetWithNotes } from './dataset/build.js';
import { serialiseDataset, sumOverAreas, supplyBySector } from './dataset/serialise.js';
import { ENGLAND, OFSTED_PERIOD } from './dataset/sources.js';
export { ENGLAND, FILES, OFSTED_PERIOD, SOURCE_IDS } from './dataset/sources.js';
export { Table, cell, normaliseName, parseValue, type ParsedValue } from './dataset/table.js';
export { type LeftOutFigure } from './dataset/observations.js';
export { buildDataset, buildDatasetWithNotes, type BuildResult } from './dataset/build.js';
export { serialiseDataset, sumOverAreas, supplyBySector, type SectorSupply } from './dataset/serialise.js';

// ---------------------------------------------------------------------------------------------
// CLI

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATASET_OUT = path.resolve(repoRoot, 'resources/dataset/builtin-england.json');

/** Measures whose LA sums are compared with the published England figure in the CLI's summary. */
const SUMMED: readonly MeasureId[] = [
  'childrenLookedAfter',
  'childrenInChildrensHomes',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'childrenWithMissingIncident',
  'missingIncidents',
  'otherLasChildrenPlacedInside',
  'population0to17',
  'childrensHomes',
  'registeredPlaces',
];

function main(): void {
  const { dataDir, outFile } = parseBuildArgs(process.argv.slice(2), 'build-dataset', DATASET_OUT);
  const { dataset, leftOut, leftOutFigures, leftOutSupply, suspended } = buildDatasetWithNotes(dataDir);
  const text = serialiseDataset(dataset);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);

  const levels = (level: Area['level']): number => dataset.areas.filter((a) => a.level === level).length;
  console.log(
    `Wrote ${path.relative(process.cwd(), outFile)} (${Buffer.byteLength(text)} bytes): ${levels('Local authority')} authorities, ${levels('Regional')} regions and England; ` +
      `${dataset.observations.length} observations (${dataset.observations.filter((o) => o.suppression !== null).length} suppressed), ${dataset.supply.length} supply rows, ` +
      `${dataset.placeProviders?.length ?? 0} place-provider rows, ${dataset.placementSpend?.length ?? 0} spending rows, ${dataset.sources.length} sources.`,
  );
  const las = dataset.areas.filter((a) => a.level === 'Local authority').map((a) => a.code);
  console.log(
    'England: published figure against the sum over authorities (+ abolished authorities left out; suppressed):',
  );
  for (const measure of SUMMED) {
    const periods = [...new Set(dataset.observations.filter((o) => o.measure === measure).map((o) => o.period))].sort();
    const period = periods.at(-1);
    if (!period) continue;
    const published = dataset.observations.find(
      (o) => o.area === ENGLAND && o.measure === measure && o.period === period,
    );
    const sum = sumOverAreas(dataset, las, measure, period);
    const abolished = leftOutFigures
      .filter((f) => f.measure === measure && f.period === period)
      .reduce((n, f) => n + (f.value ?? 0), 0);
    console.log(
      `  ${measure} ${period}: England ${published?.value ?? 'missing'}, authorities ${sum.total}${abolished ? ` + ${abolished}` : ''}${sum.suppressed ? ` (${sum.suppressed} suppressed)` : ''}`,
    );
  }
  console.log(`Supply at ${OFSTED_PERIOD} by sector, all authorities (homes / registered places):`);
  for (const row of supplyBySector(dataset.supply, OFSTED_PERIOD)) {
    const types = homeTypes.map((t) => `${t} ${row.byType[t].homes}/${row.byType[t].places}`).join(', ');
    console.log(`  ${row.sector}: ${row.homes} homes, ${row.places} places (${types})`);
  }
  console.log('Children’s homes opened and closed, England (homes +opened/−closed, places +opened/−closed):');
  const movementRows = dataset.supplyMovements ?? [];
  for (const period of [...new Set(movementRows.map((m) => m.period))].sort()) {
    const rows = movementRows.filter((m) => m.area === ENGLAND && m.period === period);
    const sum = (k: 'homesOpened' | 'homesClosed' | 'placesOpened' | 'placesClosed'): number =>
      rows.reduce((n, m) => n + m[k], 0);
    console.log(
      `  ${period}: homes +${sum('homesOpened')}/−${sum('homesClosed')}, places +${sum('placesOpened')}/−${sum('placesClosed')}`,
    );
  }
  const abolishedHomes = leftOutSupply.reduce((n, r) => n + r.homes, 0);
  console.log(
    `  plus ${abolishedHomes} homes filed under abolished authorities (counted in their region and England).`,
  );
  const suspendedTotal = [...suspended.values()].reduce((sum, n) => sum + n, 0);
  console.log(`Suspended homes not counted: ${suspendedTotal}.`);

  const names = new Map(dataset.areas.map((a) => [a.code, a.name]));
  const service: PlacementSpendService = 'residentialCare';
  console.log('Residential care, RO3 spend ÷ children in secure and children’s homes on 31 March 2025:');
  const shown = ['E92000001', 'E12000002', 'E08000001', 'E08000003', 'E08000035', 'E10000016', 'E09000033'];
  for (const code of shown) {
    const row = dataset.placementSpend?.find((s) => s.area === code && s.service === service);
    if (!row) continue;
    const spend =
      row.totalExpenditure === null ? `no spend (${row.spendNote ?? ''})` : `£${thousands(row.totalExpenditure)}k`;
    const cost =
      row.weeklyCostPerChild === null
        ? 'no cost'
        : `£${thousands(row.annualCostPerChild ?? 0)} a year, £${thousands(row.weeklyCostPerChild)} a week`;
    console.log(`  ${names.get(code) ?? code}: ${spend} ÷ ${row.children ?? '—'} children = ${cost}`);
  }
  const noCost = (dataset.placementSpend ?? []).filter(
    (s) => s.service === service && s.weeklyCostPerChild === null && names.has(s.area),
  );
  console.log(`  No residential cost per child for: ${noCost.map((s) => names.get(s.area)).join(', ') || 'none'}.`);
  console.log(
    `Unit costs: ${dataset.unitCosts.map((c) => `${c.placementType}/${c.sector} £${c.weeklyCost}`).join(', ')}.`,
  );
  if (leftOut.length > 0) {
    console.log('Left out (no current area to hold them):');
    for (const line of leftOut) console.log(`  ${line}`);
  }
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
