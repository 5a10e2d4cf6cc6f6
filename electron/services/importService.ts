/**
 * Import: read files (CSV, XLSX, ODS, JSON), parse and validate them with shared/import, show what
 * would change, then commit every file in one transaction — or nothing. Each commit is logged with
 * the file's name, SHA-256, time and counts, and the file becomes the source of its figures.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportWorkerData, WorkerMessage } from '../import-worker.js';
import { parseFileForImport, type ParseChoices, type ParsedFile, type Ssda903HeldTable } from './importParse.js';
import {
  skippedTableNote,
  ssda903TableInfo,
  type Ssda903SkippedTableCount,
} from '../../shared/import/ssda903Tables.js';
import { readInputFile } from './inputFile.js';
import { resolveLimits, type InputLimits } from '../../shared/import/limits.js';
import type { BoundaryFeature } from '../../shared/geo/types.js';
import type { LayerSummary } from '../../shared/geo/boundaries/index.js';
import { writeBoundaries, writeHexLayout } from '../store/mapData.js';
import fs from 'node:fs';
import path from 'node:path';
import type {
  ImportFilePreview,
  ImportFileRef,
  ImportLogEntry,
  ImportPreview,
  OpenPlanState,
} from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { changesSomething } from '../../shared/api/contract.js';
import type { FileKind, ImportResult } from '../../shared/import/index.js';
import type { AuthorityLookup } from '../../shared/model/authorities.js';
import type { Source } from '../../shared/model/dataset.js';
import {
  countChanges,
  listImportLog,
  logImport,
  upsertSource,
  writeImportRows,
  type ImportRows,
} from '../store/importData.js';
import { README_SHEET, TEMPLATE_MARKER, type TemplateResult } from '../../shared/import/template.js';
import type { PlanService } from './planService.js';
import type { PlanDatabase } from '../store/database.js';
import { readSsda903Files, writeSsda903File } from '../store/ssda903Data.js';
import { writeSsda903Parsed } from '../store/ssda903Parsed.js';
import { importSsda903 } from '../../shared/import/ssda903.js';
import { issueInXml } from '../../shared/import/ssda903Xml.js';

const OGL = 'Open Government Licence v3.0';
const MAX_ISSUES_SHOWN = 200;

interface KindInfo {
  label: string;
  title: string;
  publisher: string;
  licence: string;
  url: string;
}

const dfeRelease =
  'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions';

export const kindInfo: Record<FileKind, KindInfo> = {
  'dfe-cla-number-rate': {
    label: 'DfE: children looked after, number and rate per 10,000',
    title: 'Children looked after in England: number and rate per 10,000 children',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-cla-characteristics': {
    label: 'DfE: children looked after on 31 March by characteristics',
    title: 'Children looked after in England: CLA on 31 March by characteristics',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-placement-netgain': {
    label: 'DfE: LA of placement net gain',
    title: 'Children looked after in England: LA of placement net gain',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-missing': {
    label: 'DfE: missing or away from placement',
    title: 'Children looked after in England: missing or away from placement without authorisation',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'ons-mye': {
    label: 'ONS: mid-year population estimates, ages 0 to 17',
    title: 'Mid-year population estimates, children aged 0 to 17',
    publisher: 'Office for National Statistics',
    licence: OGL,
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates',
  },
  'ons-snpp': {
    label: 'ONS: sub-national population projections',
    title: 'Sub-national population projections, children aged 0 to 17',
    publisher: 'Office for National Statistics',
    licence: OGL,
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationprojections',
  },
  'ofsted-providers': {
    label: 'Ofsted: children’s social care providers and places',
    title: 'Children’s social care data in England: provider level',
    publisher: 'Ofsted',
    licence: OGL,
    url: 'https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england',
  },
  'ofsted-joiners-leavers': {
    label: 'Ofsted: children’s homes joining and leaving (openings and closures)',
    title: 'Children’s social care data in England: joiners and leavers',
    publisher: 'Ofsted',
    licence: OGL,
    url: 'https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england',
  },
  'ssda903-header': {
    label: 'SSDA903: header (children)',
    title: 'SSDA903 return: header',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-episodes': {
    label: 'SSDA903: episodes',
    title: 'SSDA903 return: episodes',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-uasc': {
    label: 'SSDA903: UASC (unaccompanied asylum-seeking children)',
    title: 'SSDA903 return: UASC',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-other': {
    label: 'SSDA903: a table of the return the planner does not use',
    title: 'SSDA903 return: other table',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-xml': {
    label: 'SSDA903: return in XML (header, episodes, missing and UASC)',
    title: 'SSDA903 return (XML)',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-missing': {
    label: 'SSDA903: missing episodes',
    title: 'SSDA903 return: missing',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  geojson: {
    label: 'Boundaries (GeoJSON)',
    title: 'Boundaries',
    publisher: 'Office for National Statistics',
    licence: `${OGL}; contains OS data © Crown copyright and database right`,
    url: 'https://geoportal.statistics.gov.uk/',
  },
  topojson: {
    label: 'Boundaries (TopoJSON)',
    title: 'Boundaries',
    publisher: 'Office for National Statistics',
    licence: `${OGL}; contains OS data © Crown copyright and database right`,
    url: 'https://geoportal.statistics.gov.uk/',
  },
  hexjson: {
    label: 'Hex layout (HexJSON)',
    title: 'Hex map layout',
    publisher: 'Open Innovations',
    licence: 'MIT',
    url: '',
  },
  'unused-table': {
    label: 'A published table the planner does not use',
    title: 'Published table not used by the planner',
    publisher: 'Unknown',
    licence: 'Unknown',
    url: '',
  },
  unknown: { label: 'Not recognised', title: 'Unrecognised file', publisher: 'Unknown', licence: 'Unknown', url: '' },
};

/** What each kind holds that the plan cannot take yet (said in the preview, never silently dropped). */
const notYetTaken: Partial<Record<FileKind, string>> = {};

/**
 * How an SSDA903 table is held in the plan: a CSV file under its own name and SHA-256; each table of
 * an XML return under "file › table" and a SHA-256 of the file's and the table's names, so that
 * importing the same return again replaces its tables.
 */
function heldTableName(file: { fileName: string }, t: Ssda903HeldTable): string {
  return t.records ? `${file.fileName} › ${t.table}` : file.fileName;
}

function heldTableSha(file: { sha256: string }, t: Ssda903HeldTable): string {
  return t.records ? createHash('sha256').update(`${file.sha256}:${t.table}`).digest('hex') : file.sha256;
}

interface PreparedFile {
  fileName: string;
  sha256: string;
  /** Boundaries or a hex layout for the map. */
  geometry?: { features?: BoundaryFeature[]; hexes?: { code: string; q: number; r: number }[] };
  /** SSDA903 tables the file holds (one per CSV file, up to four for an XML return), stored on commit. */
  ssda903?: Ssda903HeldTable[];
  /** SSDA903 tables the file holds that the planner leaves out: named in the preview, never stored. */
  ssda903Skipped?: Ssda903SkippedTableCount[];
  result: ImportResult & ImportRows;
  source: Source;
  preview: ImportFilePreview;
}

interface PreparedImport {
  id: string;
  files: PreparedFile[];
  canCommit: boolean;
}

export interface ImportProgress {
  files: number;
  /** 0-based index of the file being read or parsed. */
  current: number;
  fileName: string;
  stage: 'reading' | 'parsing' | 'checking';
  startedAt: string;
}

interface RunningImport {
  cancelled: boolean;
  stop: () => Promise<void>;
  progress: ImportProgress;
}

type WorkerInput = { fileName: string; path?: string; bytes?: Uint8Array; choices?: ParseChoices };

/**
 * Starts the import worker: the bundled script beside the build, or in development (tests, tsx)
 * the TypeScript source, loaded through tsx's loader registered inside the worker. Its heap is
 * limited (maxWorkerHeapMb), so a file that needs more stops the worker with an out-of-memory
 * error the import reports, instead of taking the host's memory.
 */
function startWorker(workerData: ImportWorkerData, limits: InputLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.maxWorkerHeapMb };
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const source = pathToFileURL(path.join(path.dirname(here), '..', 'import-worker.ts')).href;
    const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
    const tsx = pathToFileURL(path.join(path.dirname(tsxApi), 'index.mjs')).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
  }
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const candidate = path.join(dir, 'import-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (fs.existsSync(candidate)) return new Worker(candidate, { workerData, resourceLimits });
  }
  throw new Error('The import worker is missing from this build.');
}

/** Reads and parses the files in a worker thread, updating `running.progress`; resolves in file order. */
function parseInWorker(inputs: WorkerInput[], running: RunningImport, limits: InputLimits): Promise<ParsedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ files: inputs, limits }, limits);
    const reading = () => running.progress.fileName || 'the file';
    const results: ParsedFile[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    running.stop = async () => {
      await worker.terminate();
      finish(() => resolve(results));
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        running.progress = {
          ...running.progress,
          current: message.index,
          fileName: message.fileName,
          stage: message.stage,
        };
      } else if (message.type === 'file') {
        results[message.index] = message.parsed;
      } else if (message.type === 'error') {
        void worker.terminate();
        finish(() => reject(new PlannerError(message.code, message.message)));
      } else if (message.type === 'done') {
        running.progress = { ...running.progress, stage: 'checking' };
        void worker.terminate();
        finish(() => resolve(results));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PlannerError(
                'INVALID_ARGUMENT',
                `${reading()} needs more memory than an import may use (${limits.maxWorkerHeapMb.toLocaleString('en-GB')} MiB, the import's memory limit): it is too large or too complex to read. Nothing was changed.`,
              )
            : new PlannerError('INTERNAL', `The import stopped while reading ${reading()}: ${error.message}`),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        running.cancelled
          ? resolve(results)
          : reject(
              new PlannerError(
                'INTERNAL',
                `The import stopped unexpectedly while reading ${reading()} (exit code ${code}). Nothing was changed.`,
              ),
            ),
      ),
    );
  });
}

async function parseHere(inputs: WorkerInput[], lookup: AuthorityLookup, limits: InputLimits): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  for (const input of inputs) {
    const bytes = input.bytes ?? (await readInputFile(input.path ?? '', limits));
    parsed.push(await parseFileForImport(path.basename(input.fileName), bytes, lookup, limits, input.choices ?? {}));
  }
  return parsed;
}

export class ImportService {
  private readonly prepared = new Map<string, PreparedImport>();
  private running: RunningImport | null = null;

  constructor(
    private readonly plans: PlanService,
    private readonly lookup: AuthorityLookup,
    private readonly options: {
      /** Parse on the calling thread instead of a worker (benchmarks of the parsing itself; no progress or cancel). */
      inProcess?: boolean;
      /** Input limits in place of the defaults (shared/import/limits.ts): the input size, decompression, cells, … */
      limits?: Partial<InputLimits>;
    } = {},
  ) {}

  /** The limits imports are held to. */
  get limits(): InputLimits {
    return resolveLimits(this.options.limits);
  }

  /** What the import running now is doing, for progress reports; null when none is running. */
  progress(): ImportProgress | null {
    return this.running ? { ...this.running.progress } : null;
  }

  /** Cancels the preview running now (its worker is stopped); returns false when none is running. */
  async cancel(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    running.cancelled = true;
    await running.stop();
    return true;
  }

  /**
   * Parses and validates the files (in a worker thread, with progress and cancel) and says what
   * committing them would change. Changes nothing.
   */
  async preview(refs: readonly ImportFileRef[]): Promise<ImportPreview> {
    if (this.running)
      throw new PlannerError('INVALID_ARGUMENT', 'Another import is being read: wait for it or cancel it.');
    // The plan's members choose a boundary file's layer (read in the worker).
    const members = this.plans.read((db) =>
      (db.prepare('SELECT code FROM area WHERE is_member = 1 ORDER BY code').all() as { code: string }[]).map(
        (r) => r.code,
      ),
    );
    const inputs = refs.map((ref): WorkerInput => {
      const choices: ParseChoices = {
        members,
        ...(ref.layer !== undefined ? { layer: ref.layer } : {}),
        ...(ref.asOf !== undefined ? { asOf: ref.asOf } : {}),
      };
      return 'path' in ref
        ? { fileName: path.basename(ref.path), path: ref.path, choices }
        : {
            fileName: path.basename(ref.name),
            bytes: new Uint8Array(Buffer.from(ref.contentBase64, 'base64')),
            choices,
          };
    });
    const running: RunningImport = {
      cancelled: false,
      stop: async () => undefined,
      progress: {
        files: inputs.length,
        current: 0,
        fileName: inputs[0]?.fileName ?? '',
        stage: 'reading',
        startedAt: new Date().toISOString(),
      },
    };
    this.running = running;
    let parsed: ParsedFile[];
    try {
      const limits = this.limits;
      parsed = this.options.inProcess
        ? await parseHere(inputs, this.lookup, limits)
        : await parseInWorker(inputs, running, limits);
    } finally {
      this.running = null;
    }
    if (running.cancelled) throw new PlannerError('CANCELLED', 'The import was cancelled. Nothing was changed.');
    const files = parsed.map((p, i) => this.prepare(p, refs[i]?.asOf));
    this.validateSsda903Together(files);
    const canCommit = files.every((f) => f.preview.errorCount === 0);
    const id = randomBytes(12).toString('base64url');
    this.prepared.clear(); // one pending import at a time
    this.prepared.set(id, { id, files, canCommit });
    return { previewId: id, files: files.map((f) => f.preview), canCommit };
  }

  private prepare(parsed: ParsedFile, asOf: string | undefined): PreparedFile {
    if (parsed.form === 'template') return this.describeTemplate(parsed.fileName, parsed.sha256, parsed.template);
    const described = this.describe(parsed.fileName, parsed.sha256, parsed.result);
    // An Ofsted snapshot's date, and whether the file or the user gave it (the preview offers a date field).
    const snapshot = parsed.result.kind === 'ofsted-providers' ? (parsed.result.summary.periods[0] ?? null) : undefined;
    const prepared: PreparedFile =
      snapshot === undefined
        ? described
        : {
            ...described,
            preview: {
              ...described.preview,
              asOf: { date: snapshot, from: snapshot === null ? null : asOf !== undefined ? 'user' : 'file' },
            },
          };
    if (parsed.form !== 'published') return prepared;
    if (parsed.ssda903 || parsed.ssda903Skipped) {
      return {
        ...prepared,
        ...(parsed.ssda903 ? { ssda903: parsed.ssda903 } : {}),
        ...(parsed.ssda903Skipped ? { ssda903Skipped: parsed.ssda903Skipped } : {}),
      };
    }
    if (parsed.boundaries || parsed.hexes)
      return this.describeGeometry(prepared, parsed.boundaries?.features, parsed.hexes, parsed.boundaries);
    return prepared;
  }

  /**
   * Boundaries and hex layouts: what the map gains (members covered), what it still lacks, and
   * every exclusion with its count (features outside the plan, members missing). A file that covers
   * none of the members is refused (for boundaries, parseBoundaries has said so, with the layers).
   */
  private describeGeometry(
    prepared: PreparedFile,
    features: BoundaryFeature[] | undefined,
    hexes: { code: string; q: number; r: number }[] | undefined,
    read?: { layer: string | null; codeField: string | null; layers: LayerSummary[] },
  ): PreparedFile {
    const map = this.plans.mapData();
    const inPlan = this.plans.read(
      (db) => new Set((db.prepare('SELECT code FROM area').all() as { code: string }[]).map((r) => r.code)),
    );
    const codes = [...new Set([...(features ?? []).map((f) => f.code), ...(hexes ?? []).map((h) => h.code)])];
    const held = new Set(
      features
        ? (map.boundaries?.features.map((f) => f.code) ?? [])
        : this.plans.read((db) =>
            (db.prepare('SELECT area_code FROM hex_cell').all() as { area_code: string }[]).map((r) => r.area_code),
          ),
    );
    const taken = codes.filter((c) => inPlan.has(c));
    const outside = codes.length - taken.length;
    const members = map.areas.map((a) => a.code);
    const codeSet = new Set(codes);
    const covered = members.filter((c) => codeSet.has(c));
    const missing = map.areas.filter((a) => !codeSet.has(a.code)).map((a) => a.name);
    const what = features ? 'boundaries' : 'hex layout';
    const issues = [...prepared.preview.issues];
    let errorCount = prepared.preview.errorCount;
    let warningCount = prepared.preview.warningCount;
    const file = prepared.fileName;
    if (members.length > 0 && covered.length === 0 && errorCount === 0) {
      issues.unshift({
        severity: 'error',
        file,
        row: null,
        column: null,
        message: `None of the plan's ${members.length} member authorities is in this ${features ? 'boundary file' : 'hex layout'}, so the map would draw nothing from it: nothing is imported.`,
      });
      errorCount += 1;
    } else if (covered.length > 0 && missing.length > 0) {
      issues.push({
        severity: 'warning',
        file,
        row: null,
        column: null,
        message: `${covered.length} of the ${members.length} members are in this file; ${missing.length} ${missing.length === 1 ? 'is' : 'are'} not (${missing.join(', ')}). The map draws ${features ? 'boundaries' : 'an imported hex layout'} only when every member has ${features ? 'one' : 'a cell'}, so it keeps ${features ? 'the hex map' : 'the generated hexes'} until they are all imported.`,
      });
      warningCount += 1;
    }
    const others = taken.length - covered.length;
    return {
      ...prepared,
      geometry: { ...(features ? { features } : {}), ...(hexes ? { hexes } : {}) },
      preview: {
        ...prepared.preview,
        added: taken.filter((c) => !held.has(c)).length,
        replaced: taken.filter((c) => held.has(c)).length,
        skippedOutsidePlan: outside,
        measures: [what],
        notTaken: [
          `${covered.length} of the ${members.length} member authorities are in this file${missing.length ? `; missing: ${missing.join(', ')}` : ''}.`,
          ...(others > 0
            ? [
                `${others} other ${others === 1 ? 'authority' : 'authorities'} of the plan (not members) also given ${what}.`,
              ]
            : []),
          ...(outside > 0 ? [`${outside} ${outside === 1 ? 'area' : 'areas'} not in this plan left out.`] : []),
          ...(read
            ? [
                `Read layer “${read.layer ?? '(the only one)'}”, matching authorities by the field “${read.codeField ?? '?'}”.`,
              ]
            : []),
          ...prepared.preview.notTaken,
        ],
        errorCount,
        warningCount,
        issues,
        ...(read
          ? {
              layer: read.layer,
              layers: read.layers.map((l) => ({
                name: l.name,
                features: l.features,
                codeField: l.codeField,
                authorities: l.authorities,
                members: l.members,
              })),
            }
          : {}),
      },
    };
  }

  private describeTemplate(fileName: string, sha256: string, template: TemplateResult): PreparedFile {
    const years = [
      ...new Set([
        ...template.flows.map((f) => f.period),
        ...template.supplyChanges.map((c) => c.fromYear),
        ...template.unitCosts.map((c) => c.priceYear),
      ]),
    ].sort();
    const areas = new Set([...template.flows.map((f) => f.placingArea), ...template.supplyChanges.map((c) => c.area)]);
    const result: ImportResult & ImportRows = {
      kind: 'unknown',
      reason: `The workbook's '${README_SHEET}' sheet says: ${TEMPLATE_MARKER}.`,
      encoding: null,
      sheetName: null,
      observations: [],
      supply: [],
      homes: [],
      projections: [],
      flows: template.flows,
      unitCosts: template.unitCosts,
      supplyChanges: template.supplyChanges,
      issues: template.issues,
      summary: { rows: template.rows, areas: areas.size, periods: years, measures: [], unmodelled: [] },
    };
    const prepared = this.describe(fileName, sha256, result);
    const source: Source = {
      ...prepared.source,
      title: 'Local data entered in the Sufficiency Planner data template',
      publisher: 'Your consortium',
      table: 'Placement flows; Unit costs; Supply changes',
      licence: 'Your consortium’s own data',
      url: '',
    };
    return {
      ...prepared,
      source,
      preview: {
        ...prepared.preview,
        kind: 'planner-template',
        kindLabel: 'Sufficiency Planner data template (flows, unit costs, supply changes)',
        notTaken: [],
      },
    };
  }

  private describe(fileName: string, sha256: string, result: ImportResult & ImportRows): PreparedFile {
    const info = kindInfo[result.kind];
    const periods = result.summary.periods;
    const source: Source = {
      id: `import-${sha256.slice(0, 16)}`,
      title: info.title,
      publisher: info.publisher,
      file: fileName,
      table: result.sheetName ?? info.label,
      period: periods.length
        ? periods.length === 1
          ? (periods[0] ?? '')
          : `${periods[0]} to ${periods[periods.length - 1]}`
        : '',
      licence: info.licence,
      url: info.url,
      illustrative: false,
    };
    const counts = this.plans.read((db) => countChanges(db, result));
    // Errors first, then in file order, so the first issues shown are the first to fix.
    const issues = [...result.issues].sort(
      (a, b) =>
        (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
        (a.row ?? 0) - (b.row ?? 0) ||
        (a.column ?? '').localeCompare(b.column ?? ''),
    );
    const preview: ImportFilePreview = {
      fileName,
      sha256,
      kind: result.kind,
      kindLabel: result.unusedTable ? `${result.unusedTable}: not used by the planner` : info.label,
      reason: result.reason,
      sheetName: result.sheetName,
      encoding: result.encoding,
      rowsRead: result.summary.rows,
      added: counts.added,
      replaced: counts.replaced,
      skippedOutsidePlan: counts.skippedOutsidePlan,
      areas: result.summary.areas,
      periods,
      measures: [
        ...result.summary.measures,
        ...(result.projections.length ? ['population0to17 (ONS projection)'] : []),
        ...(result.denominators?.length
          ? ['population0to17 (the file’s own rate denominators, only for years the plan holds no population for)']
          : []),
        ...(result.flows?.length ? ['placement flows'] : []),
        ...(result.unitCosts?.length ? ['unit costs'] : []),
        ...(result.supplyChanges?.length ? ['supply changes'] : []),
        ...(result.supplyMovements?.length ? ['children’s homes opened and closed'] : []),
      ],
      notTaken: [
        ...(notYetTaken[result.kind] ? [notYetTaken[result.kind] ?? ''] : []),
        ...result.summary.unmodelled.map(
          (u) => `${u.rows.toLocaleString('en-GB')} ${u.rows === 1 ? 'row' : 'rows'} of ${u.what}`,
        ),
      ],
      errorCount: issues.filter((i) => i.severity === 'error').length,
      warningCount: issues.filter((i) => i.severity === 'warning').length,
      issues: issues.slice(0, MAX_ISSUES_SHOWN),
    };
    return { fileName, sha256, result, source, preview };
  }

  /**
   * SSDA903 tables are validated together (episodes need their children's header rows), with the
   * returns already in the plan, and each file's preview shows the issues found in it.
   */
  private validateSsda903Together(files: PreparedFile[]): void {
    const incoming = files.filter((f) => f.ssda903 || f.ssda903Skipped);
    if (incoming.length === 0) return;
    const stored = this.plans.read((db) => readSsda903Files(db));
    const incomingShas = new Set(incoming.flatMap((f) => (f.ssda903 ?? []).map((t) => heldTableSha(f, t))));
    const existing = new Set(stored.map((h) => h.sha256));
    const held = stored.filter((h) => !incomingShas.has(h.sha256));
    const combined = importSsda903([
      ...held,
      ...incoming.flatMap((f) =>
        (f.ssda903 ?? []).map((t) => ({ name: heldTableName(f, t), text: t.text, table: t.table })),
      ),
    ]);
    const { dataset } = combined;
    const rowsOf = new Map(combined.tables.map((t) => [t.file, t.rows]));
    const n = (x: number) => x.toLocaleString('en-GB');
    const heldTogether =
      `All returns held together: ${n(dataset.children.length)} children, ${n(dataset.episodes.length)} episodes ` +
      `after merging the copies that several returns hold, ${n(dataset.children.uasc.reduce((a, b) => a + b, 0))} of the children UASC, ` +
      `LAs ${dataset.las.filter(Boolean).join(', ') || 'not given'}.`;
    for (const f of incoming) {
      const tables = f.ssda903 ?? [];
      const skipped = f.ssda903Skipped ?? [];
      const issues = tables
        .flatMap((t) => {
          const name = heldTableName(f, t);
          const own = combined.issues.filter((i) => i.file === name);
          const records = t.records;
          return records ? own.map((i) => issueInXml(i, f.fileName, records)) : own;
        })
        // The file's own issues: errors reading it, and the warning when it was not UTF-8.
        .concat(f.result.issues)
        .sort(
          (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.row ?? 0) - (b.row ?? 0),
        );
      const rows = f.result.summary.rows;
      // Rows of each table as the file holds them (blank lines aside), the tables read and the ones left out.
      const counts = [
        ...tables.map((t) => ({
          name: ssda903TableInfo(t.table).name,
          rows: rowsOf.get(heldTableName(f, t)) ?? t.records?.length ?? 0,
        })),
        ...skipped.map((t) => ({ name: ssda903TableInfo(t.table).name, rows: t.rows })),
      ];
      const listed = counts.map((c) => `${c.name} ${n(c.rows)} row${c.rows === 1 ? '' : 's'}`).join(', ');
      const isXml = f.result.kind === 'ssda903-xml';
      const storedRows = tables.reduce((sum, t) => sum + (rowsOf.get(heldTableName(f, t)) ?? 0), 0);
      const already = tables.length > 0 && tables.every((t) => existing.has(heldTableSha(f, t)));
      f.preview = {
        ...f.preview,
        kindLabel: `${kindInfo[f.result.kind].label} (child-level personal data: it stays in the plan file)`,
        added: tables.length === 0 || already ? 0 : isXml ? storedRows : rows,
        replaced: already ? (isXml ? storedRows : rows) : 0,
        measures:
          tables.length === 0
            ? []
            : isXml
              ? [`SSDA903 return in XML: ${n(rows)} children; tables ${listed}`]
              : [`SSDA903 ${counts[0]?.name ?? ''} table: ${n(counts[0]?.rows ?? 0)} rows`],
        notTaken: [...skipped.map((t) => skippedTableNote(t.table, t.rows)), ...(tables.length ? [heldTogether] : [])],
        errorCount: issues.filter((i) => i.severity === 'error').length,
        warningCount: issues.filter((i) => i.severity === 'warning').length,
        issues: issues.slice(0, MAX_ISSUES_SHOWN),
      };
    }
  }

  /** Commits a previewed import in one transaction; any error leaves the plan exactly as it was. */
  commit(previewId: string): { state: OpenPlanState; logged: ImportLogEntry[] } {
    const pending = this.prepared.get(previewId);
    if (!pending) throw new PlannerError('NOT_FOUND', 'That import preview has expired: preview the files again.');
    if (!pending.canCommit) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        'The import has errors: fix them and preview the files again. Nothing was changed.',
      );
    }
    const importedAt = new Date().toISOString();
    // A file that adds and replaces nothing (a table the planner does not use, figures only for areas
    // outside the plan) changes nothing and is not logged as imported.
    const changing = pending.files.filter((f) => changesSomething(f.preview));
    if (changing.length === 0) {
      this.prepared.delete(previewId);
      return { state: this.plans.currentState(), logged: [] };
    }
    const logged = this.plans.mutate((db) =>
      changing.map((file) => {
        upsertSource(db, file.source, importedAt);
        const counts = file.ssda903
          ? this.storeSsda903(db, file, importedAt)
          : file.ssda903Skipped
            ? { added: 0, replaced: 0, skippedOutsidePlan: 0 }
            : file.geometry
              ? this.storeGeometry(db, file)
              : writeImportRows(db, file.result, file.source.id);
        return logImport(db, {
          sourceId: file.source.id,
          fileName: file.fileName,
          sha256: file.sha256,
          kind: file.result.kind,
          sheetName: file.result.sheetName,
          importedAt,
          rowsRead: file.result.summary.rows,
          rowsAdded: counts.added,
          rowsReplaced: counts.replaced,
          warnings: file.preview.warningCount,
        });
      }),
    );
    // The returns held, as read, for stock-flow projections (not needed: they read the text without it).
    if (changing.some((f) => f.ssda903)) {
      try {
        this.plans.mutate((db) => writeSsda903Parsed(db));
      } catch {
        // a stock-flow projection reads the text instead, as for a plan from an earlier version
      }
    }
    this.prepared.delete(previewId);
    return { state: this.plans.currentState(), logged };
  }

  private storeSsda903(db: PlanDatabase, file: PreparedFile, importedAt: string) {
    const rows = file.result.summary.rows;
    let replaced = false;
    for (const t of file.ssda903 ?? []) {
      replaced =
        writeSsda903File(
          db,
          {
            sha256: heldTableSha(file, t),
            fileName: heldTableName(file, t),
            table: t.table,
            rows: t.records ? t.records.length : rows,
            text: t.text,
            sourceId: file.source.id,
          },
          importedAt,
        ) || replaced;
    }
    // Rows of the tables stored (for a return in XML, every table's rows, not its children).
    const total = file.preview.added + file.preview.replaced;
    return { added: replaced ? 0 : total, replaced: replaced ? total : 0, skippedOutsidePlan: 0 };
  }

  private storeGeometry(db: PlanDatabase, file: PreparedFile) {
    const written =
      (file.geometry?.features ? writeBoundaries(db, file.geometry.features, file.source.id) : 0) +
      (file.geometry?.hexes ? writeHexLayout(db, file.geometry.hexes, file.source.id) : 0);
    return {
      added: file.preview.added,
      replaced: file.preview.replaced,
      skippedOutsidePlan: Math.max(0, file.preview.added + file.preview.replaced - written),
    };
  }

  discard(previewId: string): boolean {
    return this.prepared.delete(previewId);
  }

  log(): ImportLogEntry[] {
    return this.plans.read((db) => listImportLog(db));
  }
}
