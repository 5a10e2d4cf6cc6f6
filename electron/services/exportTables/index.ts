/**
 * The plan's tables for export (workbook sheets and CSV files), one definition for XLSX and CSV,
 * from the app and from the command line alike: the cells and their kinds (./cells.ts), CSV
 * (./csv.ts), the plan's tables (./planTables.ts) and its scenarios' (./scenarioTables.ts).
 */
export { withUnit } from '#shared/model/words.js';
export {
  cellKind,
  kindOfUnit,
  NUMBER_FORMATS,
  yearCell,
  type CellValue,
  type ColumnKind,
  type ExportTable,
} from './cells.js';
export { csvField, isFormulaLike, toCsv } from './csv.js';
export {
  assumptionsTable,
  backtestTable,
  chanceCells,
  dataByLaTable,
  gapsTable,
  historyTable,
  projectionTable,
  sourcesTable,
} from './planTables.js';
export { comparisonTable, scenariosTable } from './scenarioTables.js';
