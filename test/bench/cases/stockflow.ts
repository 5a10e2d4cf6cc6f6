import fs from 'node:fs';
import path from 'node:path';
import { addYears, dayFromCivil, importSsda903, isoFromDay } from '#shared/import/ssda903/index.js';
import type { Ssda903Dataset } from '#shared/import/ssda903/index.js';
import { fitStockFlow, projectStockFlow } from '#shared/forecast/stockflow/index.js';
import { Random } from '#shared/random/sfc32.js';
import type { BenchCase, BenchContext, BenchSuite } from '../types.js';

const EPISODE_COLUMNS =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA,YEAR';
const HEADER_COLUMNS = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,LA,YEAR';
const PLACES = ['U1', 'U2', 'U3', 'U4', 'U4', 'U5', 'U5', 'U5', 'U6', 'K2', 'K2', 'R1', 'H5', 'P2', 'P1', 'A5', 'S1'];
const LAS = [
  'Bolton',
  'Bury',
  'Manchester',
  'Oldham',
  'Rochdale',
  'Salford',
  'Stockport',
  'Tameside',
  'Trafford',
  'Wigan',
];

/**
 * Writes a synthetic pooled-layout SSDA903 extract (ISO dates, LA and YEAR) of `rows` episodes
 * for ten LAs, 2012–2022: children enter at 0–17, move between placements and leave, at 18 at
 * the latest. Written in chunks so generating a million rows stays small in memory.
 */
function writeExtract(dir: string, rows: number, seed: number): { episodes: string; header: string } {
  const rng = new Random(seed);
  const episodesFile = path.join(dir, `episodes-${rows}.csv`);
  const headerFile = path.join(dir, `header-${rows}.csv`);
  const ep = fs.openSync(episodesFile, 'w');
  const hd = fs.openSync(headerFile, 'w');
  const first = dayFromCivil(2012, 4, 1);
  const last = dayFromCivil(2022, 3, 31);
  let episodeChunk: string[] = [EPISODE_COLUMNS];
  let headerChunk: string[] = [HEADER_COLUMNS];
  const flush = (force: boolean): void => {
    if (force || episodeChunk.length >= 20_000) {
      fs.writeSync(ep, `${episodeChunk.join('\n')}\n`);
      episodeChunk = [];
    }
    if (force || headerChunk.length >= 20_000) {
      if (headerChunk.length > 0) fs.writeSync(hd, `${headerChunk.join('\n')}\n`);
      headerChunk = [];
    }
  };
  let written = 0;
  for (let child = 100_000; written < rows; child++) {
    const la = LAS[child % LAS.length]!;
    let start = first + Math.floor(rng.next() * (last - first));
    const dob = start - Math.floor(rng.next() * 17.5 * 365.25);
    const eighteen = addYears(dob, 18);
    headerChunk.push(`${child},${1 + (child % 2)},${isoFromDay(dob)},WBRI,A${child}0000000,,,${la},2021`);
    let rne = 'S';
    for (;;) {
      const place = PLACES[Math.floor(rng.next() * PLACES.length)]!;
      let end = start + Math.max(1, Math.floor(-Math.log(1 - rng.next()) * 250));
      let leaves = rng.next() < 0.25;
      if (end >= eighteen) {
        end = eighteen;
        leaves = true;
      }
      const open = end > last;
      const day = open ? last : end;
      const year = Number(isoFromDay(day).slice(0, 4)) - (Number(isoFromDay(day).slice(5, 7)) < 4 ? 1 : 0);
      episodeChunk.push(
        `${child},${isoFromDay(start)},${rne},C2,N1,${place},PR1,${open ? '' : isoFromDay(end)},${open ? '' : leaves ? 'E13' : 'X1'},,M1 1AA,M2 2BB,SC${written % 99_999},${la},${year}`,
      );
      written++;
      if (open || leaves || written >= rows) break;
      start = end;
      rne = 'P';
    }
    flush(false);
  }
  flush(true);
  fs.closeSync(ep);
  fs.closeSync(hd);
  return { episodes: episodesFile, header: headerFile };
}

function load(files: { name: string; file: string }[]): Ssda903Dataset {
  return importSsda903(files.map(({ name, file }) => ({ name, text: fs.readFileSync(file, 'utf8') }))).dataset;
}

/** Stock-flow model and SSDA903 parser benchmarks. */
export function suite(context: BenchContext): BenchSuite {
  let regional: Ssda903Dataset | null = null;
  let corrected: Ssda903Dataset | null = null;
  let million: { episodes: string; header: string } | null = null;
  let peakRssMb = 0;

  const sfRegionalRun = (): void => {
    if (!regional) throw new Error('setup did not run');
    const model = fitStockFlow(regional.episodes, regional.children, {
      mode: 'sf-regional',
      referenceStart: '2021-03-31',
      referenceEnd: '2022-03-31',
    });
    projectStockFlow(model, { horizonMonths: 60 });
  };

  const sharedCases: BenchCase[] = [
    {
      name: 'stock-flow sf-regional: fit + 5-year daily projection (regional sample, in process, warmed up)',
      runs: 30,
      target: 23,
      run: sfRegionalRun,
    },
  ];

  const generatedCases: BenchCase[] = [
    {
      name: 'stock-flow corrected: fit + 1,000 simulations, 5 years (100,000 generated episodes)',
      runs: 5,
      target: 2000,
      run: () => {
        if (!corrected) throw new Error('setup did not run');
        const model = fitStockFlow(corrected.episodes, corrected.children, {
          referenceStart: '2021-04-01',
          referenceEnd: '2022-03-31',
        });
        return projectStockFlow(model, { horizonMonths: 60, simulations: 1000, seed: 1 });
      },
    },
    {
      name: 'SSDA903 parse + validate: 1,000,000-row episodes CSV',
      runs: 2,
      target: 10_000,
      run: () => {
        if (!million) throw new Error('setup did not run');
        const dataset = load([
          { name: 'header.csv', file: million.header },
          { name: 'episodes.csv', file: million.episodes },
        ]);
        peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 2 ** 20);
        return dataset.episodes.length;
      },
    },
    {
      // Resident memory measured right after each parse above, with the parsed tables alive.
      name: 'SSDA903 parse: peak resident memory, 1,000,000 rows',
      runs: 1,
      target: 1024,
      unit: 'MB',
      run: () => Math.round(peakRssMb),
    },
  ];

  return {
    setup: () => {
      if (context.sharedDataDir) {
        const dir = path.join(context.sharedDataDir, 'ssda903_regional_sample');
        regional = load([
          { name: 'header.csv', file: path.join(dir, 'header.csv') },
          { name: 'episodes.csv', file: path.join(dir, 'episodes.csv') },
        ]);
        // Steady state: let the JIT compile the fit and the recursion before timing them.
        for (let i = 0; i < 30; i++) sfRegionalRun();
      }
      const small = writeExtract(context.tmpDir, 100_000, 7);
      corrected = load([
        { name: 'header.csv', file: small.header },
        { name: 'episodes.csv', file: small.episodes },
      ]);
      million = writeExtract(context.tmpDir, 1_000_000, 11);
    },
    cases: context.sharedDataDir ? [...sharedCases, ...generatedCases] : generatedCases,
  };
}
