/**
 * Our own data template (an XLSX workbook) for what no public file holds: placement flows between
 * authorities, unit costs, and local supply changes (homes opening or closing). One definition
 * drives both the workbook the app writes and the parser that reads it back.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import {
  OUTSIDE_CONSORTIUM,
  costPlacementTypes,
  costSectors,
  type CostPlacementType,
  type CostSector,
  type PlacementFlow,
  type UnitCost,
} from '../model/placements.js';
import { homeSectors, homeTypes, type HomeSector, type HomeType } from '../model/supply.js';
import { IssueCollector, type ImportIssue } from './report.js';
import { Columns, cellText, isBlankRow, type RawTable } from './table.js';

export const TEMPLATE_MARKER = 'Sufficiency Planner data template, version 1';
export const README_SHEET = 'Read me';

/** A change to registered places from a year on: a new home (+), a closure or deregistration (−). */
export interface SupplyChange {
  area: string;
  fromYear: string;
  sector: HomeSector;
  homeType: HomeType;
  placesChange: number;
  note: string;
  source: string;
}

export interface TemplateColumn {
  name: string;
  description: string;
  example: string;
}

export interface TemplateSheet {
  name: string;
  purpose: string;
  columns: TemplateColumn[];
}

export const templateSheets: readonly TemplateSheet[] = [
  {
    name: 'Placement flows',
    purpose:
      'Children in secure or children’s homes on 31 March, by the LA responsible for them (placing) and the LA where the home is (host). Use OUTSIDE as the host for homes outside the consortium whose LA is not known. One row per placing LA, host and year; the rows for a placing LA and year replace any held.',
    columns: [
      {
        name: 'Placing LA',
        description:
          'ONS code (nine characters, E06…, E08…, E09… or E10…) or name of the LA responsible for the children.',
        example: 'E08000001',
      },
      {
        name: 'Host LA',
        description: 'ONS code or name of the LA where the home is, or OUTSIDE.',
        example: 'E08000002',
      },
      { name: 'Year ending 31 March', description: 'The snapshot year, e.g. 2025 for 31 March 2025.', example: '2025' },
      { name: 'Children', description: 'Number of children (a whole number, 0 or more).', example: '12' },
    ],
  },
  {
    name: 'Unit costs',
    purpose: 'Weekly prices by placement type and sector, in the price year given.',
    columns: [
      { name: 'Placement type', description: `One of: ${costPlacementTypes.join(', ')}.`, example: 'childrensHome' },
      { name: 'Sector', description: `One of: ${costSectors.join(', ')}.`, example: 'Private' },
      { name: 'Price year', description: 'Financial year of the price, e.g. 2023-24.', example: '2023-24' },
      { name: 'Weekly cost (£)', description: 'Pounds per week per placement (more than 0).', example: '6255' },
    ],
  },
  {
    name: 'Supply changes',
    purpose:
      'Local changes to children’s homes places known to commissioners but not yet in Ofsted’s data: openings (+) and closures or deregistrations (−), from a year on. This sheet is the whole list: importing it replaces every supply change the plan held.',
    columns: [
      { name: 'LA', description: 'ONS code or name of the LA where the home is.', example: 'E08000009' },
      { name: 'From year ending 31 March', description: 'First year the change applies, e.g. 2027.', example: '2027' },
      { name: 'Sector', description: `One of: ${homeSectors.join(', ')}.`, example: 'Local Authority' },
      { name: 'Type of home', description: `One of: ${homeTypes.join(', ')}.`, example: 'childrensHome' },
      {
        name: 'Change in places',
        description: 'Whole number: positive for new places, negative for places lost.',
        example: '4',
      },
      { name: 'Note', description: 'What the change is (optional).', example: 'New consortium home' },
    ],
  },
];

export interface TemplateResult {
  flows: PlacementFlow[];
  unitCosts: UnitCost[];
  supplyChanges: SupplyChange[];
  issues: ImportIssue[];
  rows: number;
}

/** True when the workbook is our template (its Read me sheet carries the marker). */
export function isTemplateWorkbook(sheets: readonly RawTable[]): boolean {
  const readme = sheets.find((s) => s.sheetName === README_SHEET);
  return Boolean(readme?.rows.some((r) => r.some((c) => c.trim() === TEMPLATE_MARKER)));
}

const YEAR = /^(19|20|21)\d{2}$/;
const PRICE_YEAR = /^(20\d{2})-(\d{2})$/;

function wholeNumber(raw: string): number | null {
  const text = raw.replace(/,/g, '').trim();
  if (!/^[+-]?\d+(\.0+)?$/.test(text)) return null;
  return Number(text);
}

export function parseTemplate(
  fileName: string,
  sheets: readonly RawTable[],
  lookup: AuthorityLookup,
  source: string,
): TemplateResult {
  const issues = new IssueCollector(fileName);
  const result: TemplateResult = { flows: [], unitCosts: [], supplyChanges: [], issues: issues.issues, rows: 0 };
  const resolveLa = (raw: string, row: number, column: string): string | null => {
    const found = lookup.byCode(raw) ?? lookup.byName(raw);
    if (!found) {
      issues.error(
        row,
        column,
        `'${raw}' is not an English local authority (give its ONS code, e.g. E08000001, or its name).`,
      );
      return null;
    }
    return found.onsCode;
  };

  for (const definition of templateSheets) {
    const sheet = sheets.find((s) => s.sheetName === definition.name);
    if (!sheet) {
      issues.error(null, null, `The sheet '${definition.name}' is missing from the template.`);
      continue;
    }
    const header = sheet.rows[0] ?? [];
    const columns = new Columns(header);
    const index = definition.columns.map((c) => columns.require(issues, [c.name]));
    if (index.some((i) => i === null)) continue;
    const seen = new Map<string, number>();
    sheet.rows.slice(1).forEach((cells, i) => {
      const row = i + 2;
      if (isBlankRow(cells)) return;
      result.rows++;
      const value = (c: number) => cellText(cells, index[c] ?? null);
      const colName = (c: number) => definition.columns[c]?.name ?? '';
      const duplicate = (key: string) => {
        const first = seen.get(key);
        if (first !== undefined) {
          issues.error(row, null, `This row repeats row ${first} (${definition.name}): keep one of them.`);
          return true;
        }
        seen.set(key, row);
        return false;
      };
      if (definition.name === 'Placement flows') {
        const placing = resolveLa(value(0), row, colName(0));
        const hostRaw = value(1);
        const host =
          hostRaw.toUpperCase() === OUTSIDE_CONSORTIUM ? OUTSIDE_CONSORTIUM : resolveLa(hostRaw, row, colName(1));
        const year = value(2);
        if (!YEAR.test(year)) issues.error(row, colName(2), `'${year}' is not a year such as 2025.`);
        const children = wholeNumber(value(3));
        if (children === null || children < 0)
          issues.error(row, colName(3), `'${value(3)}' is not a whole number of children (0 or more).`);
        if (
          placing &&
          host &&
          YEAR.test(year) &&
          children !== null &&
          children >= 0 &&
          !duplicate(`${placing}|${host}|${year}`)
        ) {
          result.flows.push({ placingArea: placing, hostArea: host, period: year, children, source });
        }
      } else if (definition.name === 'Unit costs') {
        const type = value(0) as CostPlacementType;
        const sector = value(1) as CostSector;
        const priceYear = value(2);
        const cost = Number(value(3).replace(/[£,]/g, ''));
        let ok = true;
        if (!costPlacementTypes.includes(type)) {
          issues.error(
            row,
            colName(0),
            `'${value(0)}' is not a placement type: use one of ${costPlacementTypes.join(', ')}.`,
          );
          ok = false;
        }
        if (!costSectors.includes(sector)) {
          issues.error(row, colName(1), `'${value(1)}' is not a sector: use one of ${costSectors.join(', ')}.`);
          ok = false;
        }
        const py = PRICE_YEAR.exec(priceYear);
        if (!py || (Number(py[1]) + 1) % 100 !== Number(py[2])) {
          issues.error(row, colName(2), `'${priceYear}' is not a financial year such as 2023-24.`);
          ok = false;
        }
        if (!Number.isFinite(cost) || cost <= 0) {
          issues.error(row, colName(3), `'${value(3)}' is not a weekly cost in pounds (more than 0).`);
          ok = false;
        } else if (cost > 25_000) {
          issues.warning(
            row,
            colName(3),
            `£${cost.toLocaleString('en-GB')} a week is unusually high: check it is weekly, not annual.`,
          );
        }
        if (ok && !duplicate(`${type}|${sector}|${priceYear}`)) {
          result.unitCosts.push({ placementType: type, sector, priceYear, weeklyCost: cost, source });
        }
      } else {
        const area = resolveLa(value(0), row, colName(0));
        const fromYear = value(1);
        const sector = value(2) as HomeSector;
        const homeType = value(3) as HomeType;
        const change = wholeNumber(value(4));
        let ok = area !== null;
        if (!YEAR.test(fromYear)) {
          issues.error(row, colName(1), `'${fromYear}' is not a year such as 2027.`);
          ok = false;
        }
        if (!homeSectors.includes(sector)) {
          issues.error(row, colName(2), `'${value(2)}' is not a sector: use one of ${homeSectors.join(', ')}.`);
          ok = false;
        }
        if (!homeTypes.includes(homeType)) {
          issues.error(row, colName(3), `'${value(3)}' is not a type of home: use one of ${homeTypes.join(', ')}.`);
          ok = false;
        }
        if (change === null || change === 0) {
          issues.error(row, colName(4), `'${value(4)}' is not a whole, non-zero change in places.`);
          ok = false;
        }
        if (ok && area && change !== null) {
          result.supplyChanges.push({ area, fromYear, sector, homeType, placesChange: change, note: value(5), source });
        }
      }
    });
  }
  if (result.rows === 0 && !issues.hasErrors) issues.warning(null, null, 'The template has no rows filled in.');
  return result;
}
