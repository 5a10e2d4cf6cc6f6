import fs from 'node:fs';
import path from 'node:path';
import { parseImportFile } from '#shared/import/index.js';
import { createAppContext } from '#electron/services/appContext.js';
import { ImportService } from '#electron/services/importService.js';
import { authorityLookup } from '#electron/services/reference.js';
import type { BenchContext, BenchSuite } from '../types.js';

/** The published tables in ../shared/data that the Import view reads (DfE, Ofsted, ONS). */
const PUBLISHED_FOLDERS = ['dfe_cla', 'ofsted', 'ons_population'];

/**
 * Parse + validate + commit of the Ofsted national provider-level file (all of England), and
 * parsing each published table on its own (target 3 s each).
 */
export function suite(context: BenchContext): BenchSuite {
  if (!context.sharedDataDir)
    return { cases: [], skipReason: '../shared/data is absent (the Ofsted national file is read from it)' };
  const ofsted = path.join(context.sharedDataDir, 'ofsted', 'provider_level_at_31_March_2023__csv_export.csv');
  const app = createAppContext({ mode: 'browser', dataDir: path.join(context.tmpDir, 'import-data') });
  // Parsing on this thread measures the work itself; through the worker (second case) it also pays
  // for starting a worker, which under tsx (development) includes compiling the worker's TypeScript.
  const inProcess = new ImportService(app.plans, authorityLookup, { inProcess: true });
  let peakRss = 0;
  const sharedDataDir = context.sharedDataDir;
  const published = PUBLISHED_FOLDERS.flatMap((folder) =>
    fs
      .readdirSync(path.join(sharedDataDir, folder))
      .filter((name) => name.endsWith('.csv'))
      .map((name) => `${folder}/${name}`),
  );
  const parseCases = published.map((file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(sharedDataDir, file)));
    return {
      name: `parse ${file}`,
      runs: 5,
      target: 3000,
      run: () => {
        const result = parseImportFile(file, bytes, authorityLookup);
        if (result.kind === 'unknown') throw new Error(`${file} was not recognised`);
      },
    };
  });
  return {
    setup: () => {
      app.plans.newPlan();
    },
    cases: [
      {
        name: 'import Ofsted national provider file (parse + validate + commit)',
        runs: 10,
        target: 500,
        run: async () => {
          const preview = await inProcess.preview([{ path: ofsted }]);
          if (!preview.canCommit) throw new Error('the Ofsted file should import cleanly');
          inProcess.commit(preview.previewId);
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      },
      {
        name: 'import Ofsted national provider file through the import worker (development build)',
        runs: 5,
        target: 2000,
        run: async () => {
          const preview = await app.imports.preview([{ path: ofsted }]);
          if (!preview.canCommit) throw new Error('the Ofsted file should import cleanly');
          app.imports.commit(preview.previewId);
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      },
      {
        name: 'import Ofsted national provider file: rows per second',
        unit: 'rows/s',
        higherIsBetter: true,
        runs: 5,
        // the 0.5 s target for the 3,546-row national file
        target: 7092,
        run: async () => {
          const started = performance.now();
          const preview = await inProcess.preview([{ path: ofsted }]);
          inProcess.commit(preview.previewId);
          return Math.round((preview.files[0]?.rowsRead ?? 0) / ((performance.now() - started) / 1000));
        },
      },
      {
        name: 'import Ofsted national provider file: peak resident memory',
        unit: 'MB',
        runs: 1,
        target: 1024,
        run: () => Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1_048_576),
      },
      ...parseCases,
    ],
    teardown: () => app.plans.dispose(),
  };
}
