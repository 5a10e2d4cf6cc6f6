/**
 * Every hostile file of issue 13 imported through the real import worker, each generated here at
 * run time: each must end, within 30 seconds and with the test process's memory (host and worker
 * together) under 1 GiB, in a refusal that names the file and the limit it passed — never a hang,
 * a crash, a stack trace or "Imported.". The time and peak memory of each are printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { ImportService } from '../../electron/services/importService.js';
import { authorityLookup } from '../../electron/services/reference.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '#shared/import/limits.js';
import {
  damagedUtf8Csv,
  geoJson,
  namedPipe,
  odsInflationBomb,
  odsRepeatBomb,
  sparseFile,
  ssda903XmlWithNul,
  xlsxCellBomb,
} from '../helpers/hostileFiles.js';
import { makeTempDir } from '../helpers/tmp.js';

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const MiB = 1 << 20;
const GiB = 1 << 30;

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
const figures: { file: string; bytes: number; ms: number; peakMb: number; message: string }[] = [];

beforeAll(() => {
  tmp = makeTempDir('planner-hostile-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
  const lines = figures.map(
    (f) =>
      `${f.file.padEnd(28)} ${String(f.bytes).padStart(12)} B ${String(Math.round(f.ms)).padStart(6)} ms ${String(f.peakMb).padStart(5)} MiB  ${f.message}`,
  );
  console.log(`Hostile imports (file, size, time, peak RSS, message):\n${lines.join('\n')}`);
});

const file = (name: string) => path.join(tmp.dir, name);

/** Imports `filePath` (preview), sampling the process's RSS; the refusal's message, time and peak. */
async function attempt(filePath: string, limits?: Partial<InputLimits>) {
  const service = limits ? new ImportService(context.plans, authorityLookup, { limits }) : context.imports;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  let message: string;
  let imported = false;
  try {
    const preview = await service.preview([{ path: filePath }]);
    imported = preview.canCommit;
    message = preview.files
      .flatMap((f) => f.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}: ${i.message}`))
      .join(' | ');
  } catch (error) {
    message = (error as Error).message;
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  let bytes = 0;
  try {
    bytes = fs.statSync(filePath).size;
  } catch {
    // not a file
  }
  const result = { file: path.basename(filePath), bytes, ms, peakMb: Math.round(peak / MiB), message };
  figures.push(result);
  expect(imported, message).toBe(false);
  expect(message).not.toMatch(/\n\s+at |Invalid string length|Please report/);
  expect(message).toContain(path.basename(filePath));
  expect(ms).toBeLessThan(30_000);
  expect(peak).toBeLessThan(GiB);
  return result;
}

describe('hostile files are refused quickly, within 1 GiB, naming the file and the limit', () => {
  it('a folder', async () => {
    fs.mkdirSync(file('a-folder.csv'));
    expect((await attempt(file('a-folder.csv'))).message).toMatch(/a-folder\.csv is a folder, not a file/);
  });

  it.skipIf(!fs.existsSync('/dev/zero'))('/dev/zero', async () => {
    expect((await attempt('/dev/zero')).message).toBe('/dev/zero is a device, not a file, so it cannot be imported.');
  });

  it('a named pipe with no writer (never opened, so no hang)', async (t) => {
    const pipe = namedPipe(file('pipe.csv'));
    if (!pipe) return t.skip();
    expect((await attempt(pipe)).message).toMatch(/pipe\.csv is a named pipe, not a file/);
  });

  it('a CSV just over a lowered input size limit', async () => {
    fs.writeFileSync(file('over-limit.csv'), 'time_period,number\n'.repeat(Math.ceil((2 * MiB) / 19)));
    const { message } = await attempt(file('over-limit.csv'), { maxInputBytes: MiB });
    expect(message).toMatch(
      /over-limit\.csv is 2 MiB, more than the 1 MiB an import may read \(the input size limit\)/,
    );
  });

  it('a file over the default 1 GiB input size limit (sparse: checked by its size alone)', async () => {
    sparseFile(file('huge.ods'), DEFAULT_INPUT_LIMITS.maxInputBytes + 1, 'PK\u0003\u0004');
    expect((await attempt(file('huge.ods'))).message).toMatch(
      /huge\.ods is 1 GiB, more than the 1 GiB .*input size limit/,
    );
  });

  it('a 300 MB CSV (sparse: refused by the text size limit before it is read)', async () => {
    sparseFile(file('big.csv'), 300_000_000, 'time_period,time_identifier,geographic_level\n');
    expect((await attempt(file('big.csv'))).message).toMatch(
      /big\.csv is 286\.1 MiB; a CSV, JSON or XML file can be at most 256 MiB \(the text size limit\)/,
    );
  });

  it('a 569-byte-class ODS whose repeat attributes ask for 17 billion cells', async () => {
    await odsRepeatBomb(file('repeat-bomb.ods'));
    expect(fs.statSync(file('repeat-bomb.ods')).size).toBeLessThan(1024);
    expect((await attempt(file('repeat-bomb.ods'))).message).toMatch(
      /repeat-bomb\.ods: Sheet 'Bomb', row 1 repeats a row of 16,384 cells 1,048,576 times.*\(the cell limit\)/,
    );
  });

  it('an ODS of about 1 MB whose content.xml inflates to 300 MB', async () => {
    await odsInflationBomb(file('inflation-bomb.ods'), 300);
    expect((await attempt(file('inflation-bomb.ods'))).message).toMatch(
      /inflation-bomb\.ods: Its part content\.xml inflates to more than 128 MiB.*decompression limit/,
    );
  });

  it('an ODS whose content.xml declares 1 KB but inflates to 300 MB (stopped by zlib at the limit)', async () => {
    await odsInflationBomb(file('lying-bomb.ods'), 300, 1024);
    expect((await attempt(file('lying-bomb.ods'))).message).toMatch(
      /lying-bomb\.ods: Its part content\.xml inflates to more than 128 MiB, the decompression limit for one part/,
    );
  });

  it('a workbook past a lowered total decompression limit', async () => {
    await odsInflationBomb(file('total-bomb.ods'), 40);
    const { message } = await attempt(file('total-bomb.ods'), { maxInflatedBytes: 16 * MiB });
    expect(message).toMatch(/total-bomb\.ods inflates to more than 16 MiB in all \(the decompression limit\)/);
  });

  it('a file that needs more memory than the worker may use stops the worker, not the host', async () => {
    geoJson(file('boundaries.geojson'), 200_000);
    const { message } = await attempt(file('boundaries.geojson'), { maxWorkerHeapMb: 64 });
    expect(message).toMatch(
      /boundaries\.geojson needs more memory than an import may use \(64 MiB, the import's memory limit\)/,
    );
    // The host goes on: the next import works.
    const preview = await context.imports.preview([{ path: path.join(fixtures, 'dfe-cla-number-rate-2025.csv') }]);
    expect(preview.canCommit).toBe(true);
  });

  it('an XLSX whose single cell inflates to 200 MB', async () => {
    await xlsxCellBomb(file('cell-bomb-200.xlsx'), 200);
    expect((await attempt(file('cell-bomb-200.xlsx'))).message).toMatch(
      /cell-bomb-200\.xlsx: Its part xl\/sharedStrings\.xml inflates to more than 128 MiB.*decompression limit/,
    );
  });

  it('an XLSX whose single cell inflates to 20 MB', async () => {
    await xlsxCellBomb(file('cell-bomb-20.xlsx'), 20);
    expect((await attempt(file('cell-bomb-20.xlsx'))).message).toMatch(
      /cell-bomb-20\.xlsx: In xl\/sharedStrings\.xml, line 1, a cell or string holds more than 32,767 characters \(the cell-length limit/,
    );
  });

  it('a UTF-8 CSV with one damaged byte is not silently read as Windows-1252 and imported', async () => {
    damagedUtf8Csv(file('damaged-utf8.csv'), path.join(fixtures, 'dfe-cla-characteristics-2024.csv'));
    expect((await attempt(file('damaged-utf8.csv'))).message).toMatch(
      /damaged-utf8\.csv was read as Windows-1252 because it is not valid UTF-8 \(byte [\d,]+, 0xFF, on line \d+, is not UTF-8\), but it is otherwise UTF-8/,
    );
  });

  it('an SSDA903 return in XML with a NUL inside an element', async () => {
    ssda903XmlWithNul(file('nul.xml'));
    expect((await attempt(file('nul.xml'))).message).toMatch(
      /nul\.xml: Line 4, column \d+ \(in CHILD 1002\): the character U\+0000 \(NUL\) is not allowed in XML/,
    );
  });
});
