import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FilePreviewCard } from '../../renderer/src/views/import/FilePreviewCard.js';
import type { ImportFilePreview, ImportIssueView, ImportLogEntry, ImportPreview } from '#shared/api/contract.js';
import {
  bytesToBase64,
  contentSizeProblem,
  describeCommit,
  describeImportProgress,
  describeIssueCounts,
  describeLogEntry,
  describePeriods,
  kindName,
  maxContentBytes,
  measureLabel,
  parsePathList,
  problemText,
  readingMessage,
  shortHash,
  sortIssues,
  summarisePreview,
} from '../../renderer/src/views/import/importModel.js';

function filePreview(overrides: Partial<ImportFilePreview> = {}): ImportFilePreview {
  return {
    fileName: 'dfe-cla.csv',
    sha256: 'a'.repeat(64),
    kind: 'dfe-cla-number-rate',
    kindLabel: 'DfE: children looked after, number and rate per 10,000',
    reason: 'DfE long format',
    sheetName: null,
    encoding: 'utf-8',
    rowsRead: 10,
    added: 0,
    replaced: 0,
    skippedOutsidePlan: 0,
    areas: 1,
    periods: ['2025'],
    measures: ['childrenLookedAfter'],
    notTaken: [],
    errorCount: 0,
    warningCount: 0,
    issues: [],
    ...overrides,
  };
}

function preview(files: ImportFilePreview[]): ImportPreview {
  return { previewId: 'preview-1234', files, canCommit: files.every((f) => f.errorCount === 0) };
}

const issue = (severity: ImportIssueView['severity'], row: number | null, column: string | null, message = 'x') => ({
  severity,
  file: 'f.csv',
  row,
  column,
  message,
});

function logEntry(overrides: Partial<ImportLogEntry> = {}): ImportLogEntry {
  return {
    id: 1,
    fileName: 'dfe-cla.csv',
    sha256: 'b'.repeat(64),
    kind: 'dfe-cla-number-rate',
    sheetName: null,
    importedAt: '2025-09-01T10:00:00.000Z',
    rowsRead: 5,
    rowsAdded: 5,
    rowsReplaced: 3,
    warnings: 0,
    sourceId: 'import-bbbb',
    ...overrides,
  };
}

describe('the preview’s status sentence', () => {
  it('says what would be imported when nothing blocks it', () => {
    const status = summarisePreview(
      preview([filePreview({ added: 300, replaced: 40 }), filePreview({ fileName: 'b.csv', added: 12 })]),
    );
    expect(status).toEqual({ tone: 'ready', text: 'Ready to import: 2 files, 312 figures added, 40 replaced.' });
  });

  it('counts figures with thousands separators, singulars, and mentions warnings', () => {
    expect(summarisePreview(preview([filePreview({ added: 1, replaced: 1204, warningCount: 1 })])).text).toBe(
      'Ready to import: 1 file, 1 figure added, 1,204 replaced. 1 warning to read below.',
    );
    expect(summarisePreview(preview([filePreview({ added: 3 })])).text).toBe(
      'Ready to import: 1 file, 3 figures added, 0 replaced.',
    );
  });

  it('never says "ready" for an import that adds nothing, and names the files that add nothing', () => {
    expect(summarisePreview(preview([filePreview()]))).toEqual({
      tone: 'nothing',
      text: 'Nothing to import: this file adds or replaces no figure in this plan. Nothing has been changed.',
    });
    expect(
      summarisePreview(preview([filePreview({ added: 2 }), filePreview({ fileName: 'stability.csv' })])).text,
    ).toBe('Ready to import: 1 file, 2 figures added, 0 replaced. Nothing from stability.csv.');
    expect(describeCommit([])).toBe('Nothing imported: no file added or replaced a figure. The plan was not changed.');
  });

  it('names every file with errors and says nothing has changed', () => {
    expect(summarisePreview(preview([filePreview({ errorCount: 3 }), filePreview({ fileName: 'ok.csv' })]))).toEqual({
      tone: 'blocked',
      text: 'Cannot import: fix the 3 errors in dfe-cla.csv and preview again. Nothing has been changed.',
    });
    expect(
      summarisePreview(
        preview([
          filePreview({ fileName: 'a.csv', errorCount: 1 }),
          filePreview({ fileName: 'b.csv', errorCount: 2 }),
          filePreview({ fileName: 'c.csv', errorCount: 1200 }),
        ]),
      ).text,
    ).toBe(
      'Cannot import: fix the error in a.csv, the 2 errors in b.csv and the 1,200 errors in c.csv and preview again. Nothing has been changed.',
    );
  });

  it('stays blocked when the host says so even without counted errors', () => {
    const status = summarisePreview({ ...preview([filePreview()]), canCommit: false });
    expect(status.tone).toBe('blocked');
    expect(status.text).toMatch(/Nothing has been changed\.$/);
  });
});

describe('issues', () => {
  it('puts errors first, then whole-file problems, then rows and columns in order, keeping ties stable', () => {
    const sorted = sortIssues([
      issue('warning', 3, 'A', 'w3'),
      issue('error', 14, 'Local authority', 'e14'),
      issue('error', 12, 'Places', 'e12'),
      issue('error', null, null, 'file'),
      issue('error', 12, 'Area', 'e12-area'),
      issue('warning', 1, null, 'w1'),
      issue('error', 12, 'Area', 'e12-area-second'),
    ]);
    expect(sorted.map((i) => i.message)).toEqual(['file', 'e12-area', 'e12-area-second', 'e12', 'e14', 'w1', 'w3']);
  });

  it('does not change the list it is given', () => {
    const list = [issue('warning', 1, null), issue('error', 2, null)];
    sortIssues(list);
    expect(list[0]?.severity).toBe('warning');
  });

  it('drops a "Row n:" prefix the Row column already shows', () => {
    expect(problemText(issue('error', 2, 'number', "Row 2: '-5' in column 'number' is negative."))).toBe(
      "'-5' in column 'number' is negative.",
    );
    expect(problemText(issue('error', 7, 'number', 'Row 7: a second value for Bury.'))).toBe(
      'A second value for Bury.',
    );
    expect(problemText(issue('error', 4, 'time_period', "Row 4: time_period '1999' is not a year."))).toBe(
      "time_period '1999' is not a year.",
    );
    expect(problemText(issue('error', 3, 'x', 'Row 2: other row'))).toBe('Row 2: other row');
    expect(problemText(issue('error', null, null, 'The file is empty.'))).toBe('The file is empty.');
  });

  it('counts issues, and says when only the first ones are listed', () => {
    expect(describeIssueCounts({ errorCount: 0, warningCount: 0, issues: [] })).toBe('No problems found.');
    const some = Array.from({ length: 15 }, () => issue('error', 1, null));
    expect(describeIssueCounts({ errorCount: 3, warningCount: 12, issues: some })).toBe('3 errors, 12 warnings');
    const first = Array.from({ length: 200 }, () => issue('error', 1, null));
    expect(describeIssueCounts({ errorCount: 1, warningCount: 1411, issues: first })).toBe(
      '1 error, 1,411 warnings; showing the first 200',
    );
  });
});

describe('wording of figures and files', () => {
  it('names measures in the plan’s words and leaves unknown ones as given', () => {
    expect(measureLabel('childrenLookedAfter')).toBe('Children looked after');
    expect(measureLabel('somethingNew')).toBe('somethingNew');
  });

  it('describes periods briefly', () => {
    expect(describePeriods([])).toBe('None');
    expect(describePeriods(['2025'])).toBe('2025');
    expect(describePeriods(['2024', '2025'])).toBe('2024 and 2025');
    expect(describePeriods(['2019', '2020', '2021', '2022', '2023'])).toBe('2019 to 2023 (5 periods)');
  });

  it('shortens a SHA-256 and names the kinds of file in the log', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab…');
    expect(shortHash('short')).toBe('short');
    expect(kindName('ofsted-providers')).toBe('Ofsted: providers and places');
    expect(kindName('toString')).toBe('toString');
    expect(kindName('future-kind')).toBe('future-kind');
  });

  it('describes a commit and each logged file', () => {
    const entries = [
      logEntry(),
      logEntry({ id: 2, fileName: 'ofsted.xlsx', sheetName: 'Providers', rowsAdded: 0, rowsReplaced: 1, warnings: 2 }),
    ];
    expect(describeCommit(entries)).toBe('Imported 2 files: 5 figures added, 4 replaced.');
    expect(describeLogEntry(entries[0] as ImportLogEntry)).toBe('dfe-cla.csv: 5 figures added, 3 replaced');
    expect(describeLogEntry(entries[1] as ImportLogEntry)).toBe(
      'ofsted.xlsx (sheet Providers): 0 figures added, 1 replaced, 2 warnings',
    );
  });

  it('says how many files are being read', () => {
    expect(readingMessage(3)).toBe('Reading 3 files…');
    expect(readingMessage(1)).toBe('Reading 1 file…');
  });
});

describe('base64 of file contents', () => {
  const reference = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it('matches Node’s base64 for every length around the chunk boundaries', () => {
    for (const chunk of [3, 4, 6, 7, 24]) {
      for (let length = 0; length <= 30; length++) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) % 256);
        expect(bytesToBase64(bytes, chunk), `length ${length}, chunk ${chunk}`).toBe(reference(bytes));
      }
    }
  });

  it('handles every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(bytes)).toBe(reference(bytes));
  });

  it('converts a large file without overflowing the stack', () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = i % 251;
    const text = bytesToBase64(bytes);
    expect(text.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(text).toBe(reference(bytes));
  });

  it('refuses files too large to send by contents, alone or together', () => {
    expect(contentSizeProblem([{ name: 'a.csv', size: 1000 }])).toBeNull();
    expect(contentSizeProblem([{ name: 'big.csv', size: maxContentBytes + 1 }])).toMatch(/big\.csv .*by path/);
    expect(
      contentSizeProblem([
        { name: 'a.csv', size: maxContentBytes / 2 + 1 },
        { name: 'b.csv', size: maxContentBytes / 2 + 1 },
      ]),
    ).toMatch(/together/);
  });
});

describe('the "Import by path" list', () => {
  it('takes one full path a line, ignoring blank lines, quotes, spaces and repeats', () => {
    const parsed = parsePathList(
      '  /home/me/dfe.csv \n\n"C:\\Users\\me\\Downloads\\ofsted.xlsx"\r\n/home/me/dfe.csv\n\'\\\\server\\share\\ons.csv\'\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.paths).toEqual([
      '/home/me/dfe.csv',
      'C:\\Users\\me\\Downloads\\ofsted.xlsx',
      '\\\\server\\share\\ons.csv',
    ]);
  });

  it('names the line of a path that is not a full path', () => {
    const parsed = parsePathList('/home/me/a.csv\nDownloads/b.csv\n');
    expect(parsed.paths).toEqual(['/home/me/a.csv']);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(2);
    expect(parsed.problems[0]?.message).toMatch(/^Line 2: “Downloads\/b\.csv” is not a full path/);
  });

  it('asks for a path when there is none, and refuses more than 50', () => {
    expect(parsePathList('  \n \n').problems[0]?.message).toBe('Enter the full path of at least one file.');
    const many = Array.from({ length: 51 }, (_, i) => `/data/f${i}.csv`).join('\n');
    expect(parsePathList(many).problems[0]?.message).toMatch(/at most 50 files/);
  });

  it('refuses a path with a NUL character', () => {
    expect(parsePathList('/home/me/a\0.csv').problems[0]?.message).toMatch(/^Line 1: .*NUL/);
  });
});

describe('describeImportProgress', () => {
  const report = { running: true, files: 3, current: 1, fileName: 'x.csv', stage: 'parsing' as const };

  it('names the file being read, counting from 1, and is half way through it once parsing', () => {
    expect(describeImportProgress(report)).toEqual({ text: 'Reading file 2 of 3: x.csv…', value: 1.5, max: 3 });
    expect(describeImportProgress({ ...report, stage: 'reading' })).toEqual({
      text: 'Reading file 2 of 3: x.csv…',
      value: 1,
      max: 3,
    });
  });

  it('says when the files are being checked together, with the bar full', () => {
    expect(describeImportProgress({ ...report, current: 2, stage: 'checking' })).toEqual({
      text: 'Checking 3 files…',
      value: 3,
      max: 3,
    });
  });

  it('does not count a single file, and leaves out a missing name', () => {
    expect(describeImportProgress({ ...report, files: 1, current: 0, fileName: '2021-episodes.csv' })?.text).toBe(
      'Reading file: 2021-episodes.csv…',
    );
    expect(describeImportProgress({ ...report, fileName: '', stage: 'reading' })?.text).toBe('Reading file 2 of 3…');
  });

  it('keeps the bar within its range', () => {
    expect(describeImportProgress({ ...report, current: 7, stage: 'reading' })?.value).toBe(2);
    expect(describeImportProgress({ ...report, current: -1, stage: 'reading' })?.value).toBe(0);
  });

  it('is null when nothing is being read', () => {
    expect(describeImportProgress({ running: false, files: 0, current: 0, fileName: '', stage: null })).toBeNull();
    expect(describeImportProgress({ ...report, stage: null })).toBeNull();
  });
});

describe('the preview card’s choices', () => {
  const render = (file: ImportFilePreview) =>
    renderToStaticMarkup(createElement(FilePreviewCard, { file, onChoose: () => undefined }));

  it('lists every layer of a boundary file with its counts, the one read selected', () => {
    const html = render(
      filePreview({
        kind: 'topojson',
        layer: 'utla',
        layers: [
          { name: 'cty', features: 21, codeField: 'areacd', authorities: 21, members: 0 },
          { name: 'utla', features: 218, codeField: 'areacd', authorities: 153, members: 10 },
        ],
      }),
    );
    expect(html).toContain('Layer read');
    expect(html).toContain(
      '<option value="cty">cty: 21 features, 21 English upper-tier authorities, 0 of the members</option>',
    );
    expect(html).toMatch(
      /<option value="utla" selected="">utla: 218 features, 153 English upper-tier authorities, 10 of the members<\/option>/,
    );
  });

  it('asks for an Ofsted snapshot’s date when the file gives none, and shows where a date came from', () => {
    const undated = render(filePreview({ kind: 'ofsted-providers', asOf: { date: null, from: null } }));
    expect(undated).toContain('Snapshot date');
    expect(undated).toContain('the file does not say: give the date the list is at');
    const dated = render(filePreview({ kind: 'ofsted-providers', asOf: { date: '2023-03-31', from: 'file' } }));
    expect(dated).toContain('value="2023-03-31"');
    expect(dated).toContain('(as the file says)');
    expect(render(filePreview())).not.toContain('Snapshot date');
    expect(render(filePreview())).not.toContain('Layer read');
  });
});
