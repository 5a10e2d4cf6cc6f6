/**
 * Writes the Sufficiency Planner data template (XLSX): a Read me sheet documenting every sheet and
 * column, then one sheet each for placement flows, unit costs and supply changes — empty, or filled
 * with the plan's current values (marked in Read me when they are illustrative) for editing.
 */
import fs from 'node:fs';
import writeExcelFile from 'write-excel-file/node';
import { README_SHEET, TEMPLATE_MARKER, templateSheets, type SupplyChange } from '#shared/import/template.js';
import type { PlacementFlow, UnitCost } from '#shared/model/placements.js';

type Cell = { value: string | number; fontWeight?: 'bold'; wrap?: boolean } | null;

export interface TemplateContents {
  flows: PlacementFlow[];
  unitCosts: UnitCost[];
  supplyChanges: SupplyChange[];
  /** Names of sources of prefilled values that are illustrative, to warn in Read me. */
  illustrativeSources: string[];
}

const bold = (value: string): Cell => ({ value, fontWeight: 'bold' });

export async function writeTemplateWorkbook(
  filePath: string,
  contents: TemplateContents | null,
  /** The plan's member codes: the examples name these, never another consortium's authorities. */
  exampleCodes: readonly string[] = [],
): Promise<void> {
  let nextExample = 0;
  const exampleFor = (example: string) =>
    /^E\d{8}$/.test(example) && exampleCodes.length
      ? (exampleCodes[nextExample++ % exampleCodes.length] ?? example)
      : example;
  const readme: Cell[][] = [
    [bold(TEMPLATE_MARKER)],
    [
      {
        value:
          'Fill in the sheets below and import this workbook into Sufficiency Planner (Import view, or `planner import`).',
        wrap: true,
      },
    ],
    [
      {
        value:
          'Keep the sheet names and the header row of each sheet as they are. Authorities can be given by ONS code or name.',
        wrap: true,
      },
    ],
  ];
  if (contents?.illustrativeSources.length) {
    readme.push([
      {
        value: `The values filled in come from this plan. Some are ILLUSTRATIVE (generated, not published): ${contents.illustrativeSources.join('; ')}. Replace them with your own figures.`,
        wrap: true,
      },
    ]);
  }
  for (const sheet of templateSheets) {
    readme.push(
      [],
      [bold(sheet.name)],
      [{ value: sheet.purpose, wrap: true }],
      [bold('Column'), bold('What to enter'), bold('Example')],
    );
    for (const column of sheet.columns)
      readme.push([
        { value: column.name },
        { value: column.description, wrap: true },
        { value: exampleFor(column.example) },
      ]);
  }

  const header = (i: number): Cell[] => (templateSheets[i]?.columns ?? []).map((c) => bold(c.name));
  const flows: Cell[][] = [
    header(0),
    ...(contents?.flows ?? []).map((f) => [
      { value: f.placingArea },
      { value: f.hostArea },
      { value: f.period },
      { value: f.children },
    ]),
  ];
  const costs: Cell[][] = [
    header(1),
    ...(contents?.unitCosts ?? []).map((c) => [
      { value: c.placementType },
      { value: c.sector },
      { value: c.priceYear },
      { value: c.weeklyCost },
    ]),
  ];
  const changes: Cell[][] = [
    header(2),
    ...(contents?.supplyChanges ?? []).map((c) => [
      { value: c.area },
      { value: c.fromYear },
      { value: c.sector },
      { value: c.homeType },
      { value: c.placesChange },
      { value: c.note },
    ]),
  ];
  const sticky = { stickyRowsCount: 1 };
  const buffer = await writeExcelFile([
    { sheet: README_SHEET, data: readme, columns: [{ width: 28 }, { width: 90 }, { width: 22 }] },
    {
      sheet: templateSheets[0]?.name ?? '',
      data: flows,
      columns: [{ width: 14 }, { width: 14 }, { width: 22 }, { width: 10 }],
      ...sticky,
    },
    {
      sheet: templateSheets[1]?.name ?? '',
      data: costs,
      columns: [{ width: 24 }, { width: 18 }, { width: 12 }, { width: 16 }],
      ...sticky,
    },
    {
      sheet: templateSheets[2]?.name ?? '',
      data: changes,
      columns: [{ width: 14 }, { width: 24 }, { width: 18 }, { width: 16 }, { width: 18 }, { width: 40 }],
      ...sticky,
    },
  ]).toBuffer();
  const tmp = `${filePath}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, buffer);
  fs.renameSync(tmp, filePath);
}
