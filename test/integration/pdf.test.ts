import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import {
  countPdfPages,
  electronPrintOptions,
  findChromium,
  pdfTarget,
  reportQuery,
  writePdf,
} from '../../electron/services/pdfService.js';
import { build, root as repoRoot } from '../../scripts/build.mjs';
import { makeTempDir } from '../helpers/tmp.js';

// ---------- A minimal PDF text reader (no poppler needed) ----------
// Chromium (Skia) writes plain objects, Flate-compressed content streams, Type0 fonts with
// Identity-H glyph codes and a ToUnicode CMap per font: enough to read the words back.

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const streamAt = text.slice(start, end).search(/>>\s*stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: text.slice(start, end), stream: null });
      header.lastIndex = end;
      continue;
    }
    const dict = text.slice(start, start + streamAt + 2);
    const keyword = text.indexOf('stream', start + streamAt);
    let dataStart = keyword + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
    const raw = bytes.subarray(dataStart, dataEnd);
    let stream: Buffer | null = raw;
    if (/\/FlateDecode/.test(dict)) {
      try {
        stream = zlib.inflateSync(raw);
      } catch {
        stream = null;
      }
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = text.indexOf('endobj', dataEnd);
  }
  return objects;
}

function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(parseInt(from ?? '0', 16), utf16(to ?? ''));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)/g,
    )) {
      const first = parseInt(lo ?? '0', 16);
      const last = parseInt(hi ?? '0', 16);
      const target = to ?? '';
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => utf16(m[1] ?? ''));
        for (let c = first; c <= last; c++) map.set(c, items[c - first] ?? '');
      } else {
        const hex = target.slice(1, -1);
        const prefix = utf16(hex.slice(0, -4));
        const base = parseInt(hex.slice(-4), 16);
        for (let c = first; c <= last; c++) map.set(c, prefix + String.fromCharCode(base + c - first));
      }
    }
  }
  return map;
}

/** The text of each page, in page order. */
function pdfPageTexts(bytes: Buffer): string[] {
  const objects = readObjects(bytes);
  const cmaps = new Map<number, Map<number, string>>();
  for (const [num, obj] of objects) {
    const ref = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(obj.dict);
    const stream = ref ? objects.get(Number(ref[1]))?.stream : null;
    if (stream) cmaps.set(num, parseToUnicode(stream.toString('latin1')));
  }
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict));
  const pages: PdfObject[] = [];
  const walk = (node: PdfObject | undefined) => {
    if (!node) return;
    if (/\/Type\s*\/Page\b(?!s)/.test(node.dict)) {
      pages.push(node);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
    for (const [, n] of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(objects.get(Number(n)));
  };
  walk(root);
  return pages.map((page) => {
    const fonts = new Map<string, number>();
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? '';
    for (const [, name, n] of fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g))
      fonts.set(name ?? '', Number(n));
    const contents = /\/Contents\s+(\[[^\]]*\]|\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    let out = '';
    for (const [, n] of contents.matchAll(/(\d+)\s+0\s+R/g)) {
      const content = objects.get(Number(n))?.stream?.toString('latin1') ?? '';
      let cmap: Map<number, string> | undefined;
      const ops = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\b(Tm|ET|T\*)\b/g;
      for (const op of content.matchAll(ops)) {
        if (op[1] !== undefined) cmap = cmaps.get(fonts.get(op[1]) ?? -1);
        else if (op[4] !== undefined) out += '\n';
        else {
          const hexes =
            op[2] !== undefined ? [op[2]] : [...(op[3] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)].map((m) => m[1]);
          for (const hex of hexes) {
            for (let i = 0; i + 4 <= (hex ?? '').length; i += 4) {
              const code = parseInt((hex ?? '').slice(i, i + 4), 16);
              out += cmap?.get(code) ?? '';
            }
          }
        }
      }
    }
    // NFKC turns the ligatures Chromium uses (ﬀ, ﬁ) back into letters.
    return out
      .normalize('NFKC')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n+/g, '\n');
  });
}

// ---------- Tests ----------

describe('PDF helpers', () => {
  it('counts page objects, not the page tree', () => {
    const fake = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n',
      'latin1',
    );
    expect(countPdfPages(fake)).toBe(2);
    expect(countPdfPages(Buffer.from('%PDF-1.4 <</Type /Pages /Count 7>>'))).toBe(7);
  });

  it('asks for the report alone, names the file .pdf and prints A4 with page numbers in Electron too', () => {
    expect(reportQuery()).toBe('print=report');
    expect(reportQuery(['joint-block-12', 'x.y'])).toBe('print=report&scenarios=joint-block-12%2Cx.y');
    expect(reportQuery([])).toBe('print=report&scenarios=');
    expect(pdfTarget('/tmp/gm')).toBe('/tmp/gm.pdf');
    expect(pdfTarget('/tmp/GM.PDF')).toBe('/tmp/GM.PDF');
    const options = electronPrintOptions();
    expect(options.pageSize).toBe('A4');
    expect(options.displayHeaderFooter).toBe(true);
    expect(options.footerTemplate).toContain('class="pageNumber"');
    expect(options.footerTemplate).toContain('class="totalPages"');
    expect(options.margins.bottom).toBeCloseTo(18 / 25.4, 2);
  });

  it('says how to get a Chromium when there is none', () => {
    const none = findChromium(
      { PLAYWRIGHT_CHROMIUM_EXECUTABLE: '/nowhere/chromium' },
      { system: [], playwrightOwn: false },
    );
    expect(none).toEqual({
      reason: expect.stringContaining(
        'Install Chromium (Debian: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE',
      ),
    });
    expect(findChromium({ PLAYWRIGHT_CHROMIUM_EXECUTABLE: process.execPath }, { system: [] })).toEqual({
      path: process.execPath,
    });
  });

  it('writes only PDFs, atomically, and says when the folder is missing', () => {
    const tmp = makeTempDir('planner-pdf-write-');
    try {
      const target = path.join(tmp.dir, 'a.pdf');
      expect(writePdf(target, Buffer.from('%PDF-1.4 <</Type /Page>>'))).toEqual({ path: target, pages: 1 });
      expect(fs.readdirSync(tmp.dir)).toEqual(['a.pdf']);
      expect(() => writePdf(target, Buffer.from('<html>'))).toThrow(/did not return a PDF/);
      expect(() => writePdf(path.join(tmp.dir, 'nope', 'b.pdf'), Buffer.from('%PDF-1.4'))).toThrow(
        /folder .* does not exist/,
      );
    } finally {
      tmp.cleanup();
    }
  });
});

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`PDF report tests skipped: ${skipReason}`);

describe.skipIf(skipReason)(`PDF report${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let tmp: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    tmp = makeTempDir('planner-pdf-');
    await build({ quiet: true }); // the report is the built renderer, printed
  }, 300_000);

  afterAll(() => tmp?.cleanup());

  it('prints from the production build of the renderer, though built under the test runner', () => {
    expect(process.env.NODE_ENV).toBe('test');
    const assets = path.join(repoRoot, 'dist', 'renderer', 'assets');
    const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    // A warning only React's development build carries.
    const development = scripts.filter((f) =>
      fs.readFileSync(path.join(assets, f), 'utf8').includes('should have a unique "key" prop'),
    );
    expect(development).toEqual([]);
  });

  const cli = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };

  it('exports the built-in plan from the CLI: opens, has every section, page numbers and a sensible length', async () => {
    const out = path.join(tmp.dir, 'gm-report');
    const result = await cli(['export', '--format', 'pdf', '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const match = /^Wrote (.+\.pdf) \((\d+) pages\)\n$/.exec(result.out);
    expect(match?.[1]).toBe(`${out}.pdf`);
    const bytes = fs.readFileSync(`${out}.pdf`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = countPdfPages(bytes);
    expect(Number(match?.[2])).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(6);
    // 35 pages for the built-in plan with its two example scenarios: the base year's per-member
    // access table, the cost tornadoes and each lever's notes added five pages to the 30 before.
    expect(pages).toBeLessThanOrEqual(36);

    const texts = pdfPageTexts(bytes);
    expect(texts).toHaveLength(pages);
    const all = texts.join('\n').replace(/\s+/g, ' '); // lines wrap where the page does
    for (const heading of [
      'Summary',
      'Projection',
      'Gap map',
      'Scenarios',
      'Scenario comparison',
      'Assumptions register',
      'Methodology',
      'Data sources and licences',
    ]) {
      expect(all, heading).toContain(heading);
    }
    // Cover: consortium, date, plan file, data vintages.
    expect(texts[0]).toContain('Greater Manchester');
    expect(texts[0]).toContain('Not saved yet');
    expect(texts[0]).toMatch(/\d{1,2} [A-Z][a-z]+ 20\d\d/);
    expect(texts[0]).toContain('Data vintages');
    expect(texts[0]).toContain('Department for Education');
    // Page numbers on every page, from Chromium's footer.
    texts.forEach((t, i) => expect(t.replace(/\s+/g, ' ')).toContain(`${i + 1} / ${pages}`));
    // Sections start on new pages (their heading first), in order.
    const firstPage = (heading: string) => texts.findIndex((t) => t.trim().split('\n')[0]?.trim() === heading);
    const order = ['Summary', 'Projection', 'Gap map', 'Scenarios', 'Assumptions register', 'Methodology'].map(
      firstPage,
    );
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Content: the bed need sentence, both built-in scenarios, the backtest and illustrative sources marked.
    expect(all).toMatch(/is projected to need [\d,]+ beds/);
    expect(all).toContain('Joint block contract, 12 beds');
    expect(all).toContain('Two consortium homes in Trafford from 2026-27');
    expect(all).toContain('MAPE');
    expect(all).toContain('ILLUSTRATIVE');
    expect(all).toContain('Open Government Licence');
    // Charts are vectors: no images in the file.
    expect(bytes.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
  }, 180_000);

  it('shows only the scenarios asked for with --scenario, and rejects an unknown one', async () => {
    const out = path.join(tmp.dir, 'one-scenario.pdf');
    const result = await cli([
      'export',
      '--format',
      'pdf',
      '--out',
      out,
      '--scenario',
      'Joint block contract, 12 beds',
    ]);
    expect(result.code).toBe(0);
    const all = pdfPageTexts(fs.readFileSync(out)).join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Joint block contract, 12 beds');
    expect(all).not.toContain('Two consortium homes in Trafford');

    const unknown = await cli(['export', '--format', 'pdf', '--out', out, '--scenario', 'No such scenario']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('There is no scenario called “No such scenario”');
    const five = await cli([
      'export',
      '--format',
      'pdf',
      '--out',
      out,
      ...['a', 'b', 'c', 'd', 'e'].flatMap((n) => ['--scenario', n]),
    ]);
    expect(five.code).toBe(2);
    expect(five.err).toContain('at most four --scenario');
  }, 180_000);

  describe('a plan with missing data', () => {
    let context: AppContext;

    beforeAll(() => {
      context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
      context.plans.newPlan();
      context.plans.setMembership(['E06000017']); // Rutland: its children's homes figures are all suppressed (c)
    });

    afterAll(() => context?.plans.dispose());

    it('still makes the PDF, saying what is missing rather than failing', async () => {
      const out = path.join(tmp.dir, 'partial.pdf');
      const result = await context.handlers.exportPdf({ path: out });
      expect(result.path).toBe(out);
      expect(result.pages).toBeGreaterThanOrEqual(4);
      const all = pdfPageTexts(fs.readFileSync(out)).join('\n').replace(/\s+/g, ' ');
      expect(all).toContain('What this plan is missing');
      expect(all).toContain('No projection:');
      expect(all).toContain('Rutland');
      expect(all).toContain('Methodology');
      expect(all).toContain('Data sources and licences');
    }, 180_000);

    it('refuses an unknown scenario and a missing folder before printing anything', async () => {
      await expect(
        context.handlers.exportPdf({ path: path.join(tmp.dir, 'x.pdf'), scenarios: ['nope'] }),
      ).rejects.toThrow(/There is no scenario “nope”/);
      await expect(context.handlers.exportPdf({ path: path.join(tmp.dir, 'missing', 'x.pdf') })).rejects.toThrow(
        /does not exist/,
      );
    });
  });
});
