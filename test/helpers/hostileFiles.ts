/**
 * Hostile files for the import's input limits, generated at run time into a temporary folder so
 * that nothing large is committed: decompression bombs (an ODS whose repeat attributes ask for 17
 * billion cells in a few hundred bytes, an ODS whose content.xml inflates to 300 MB, an XLSX whose
 * one shared string inflates to 20 or 200 MB), files past the size limits (sparse, so a 1 GiB file
 * takes no disk space), things that are not files (a folder, /dev/zero, a named pipe), a damaged
 * UTF-8 CSV, and an SSDA903 return in XML with a NUL inside an element. Big parts are generated and
 * compressed in chunks, so the test process never holds them.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's text, or a generator of its chunks (for parts too big to hold). */
  content: string | (() => Iterable<string>);
  /** Store instead of deflate (ODS's mimetype). */
  store?: boolean;
  /** The inflated size to declare, instead of the true one (a lying archive). */
  declare?: number;
}

/** Writes a ZIP archive of the parts, deflating generated parts chunk by chunk. */
export async function writeZip(file: string, parts: readonly ZipPart[]): Promise<void> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    let crc = 0;
    let size = 0;
    const compressed: Buffer[] = [];
    const chunks = typeof part.content === 'string' ? [part.content] : part.content();
    if (part.store) {
      for (const chunk of chunks) {
        const data = Buffer.from(chunk, 'utf8');
        crc = zlib.crc32(data, crc);
        size += data.length;
        compressed.push(data);
      }
    } else {
      const deflate = zlib.createDeflateRaw({ level: 9 });
      deflate.on('data', (c: Buffer) => compressed.push(c));
      const ended = once(deflate, 'end');
      for (const chunk of chunks) {
        const data = Buffer.from(chunk, 'utf8');
        crc = zlib.crc32(data, crc);
        size += data.length;
        if (!deflate.write(data)) await once(deflate, 'drain');
      }
      deflate.end();
      await ended;
    }
    const body = Buffer.concat(compressed);
    const name = Buffer.from(part.name, 'utf8');
    const method = part.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(part.declare ?? size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(part.declare ?? size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    out.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...out, directory, end]));
}

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const odsHead = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NS}><office:body><office:spreadsheet>`;
const odsTail = '</office:spreadsheet></office:body></office:document-content>';
const mimetype: ZipPart = { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet', store: true };

/** An ODS of a few hundred bytes whose repeat attributes ask for 1,048,576 rows of 16,384 cells. */
export async function odsRepeatBomb(file: string): Promise<void> {
  const sheet =
    '<table:table table:name="Bomb"><table:table-row table:number-rows-repeated="1048576">' +
    '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>' +
    '</table:table-row></table:table>';
  await writeZip(file, [mimetype, { name: 'content.xml', content: odsHead + sheet + odsTail }]);
}

/**
 * An ODS whose content.xml inflates to about `megabytes` MB of ordinary-looking rows (declaring
 * `declare` bytes instead, when given).
 */
export async function odsInflationBomb(file: string, megabytes: number, declare?: number): Promise<void> {
  const row = (k: number) =>
    `<table:table-row><table:table-cell office:value-type="string"><text:p>SC${String(k % 1000).padStart(6, '0')}</text:p></table:table-cell>` +
    `<table:table-cell office:value-type="float" office:value="${k % 7}"><text:p>${k % 7}</text:p></table:table-cell></table:table-row>`;
  const block = Array.from({ length: 100 }, (_, k) => row(k)).join('');
  const blocks = Math.ceil((megabytes * 1e6) / block.length);
  await writeZip(file, [
    mimetype,
    {
      name: 'content.xml',
      ...(declare !== undefined ? { declare } : {}),
      content: function* () {
        yield `${odsHead}<table:table table:name="Providers">`;
        for (let b = 0; b < blocks; b += 1) yield block;
        yield `</table:table>${odsTail}`;
      },
    },
  ]);
}

/** An XLSX whose single cell is a shared string of `megabytes` MB. */
export async function xlsxCellBomb(file: string, megabytes: number): Promise<void> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const chunk = 'A'.repeat(1 << 20);
  await writeZip(file, [
    {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    },
    {
      name: 'xl/sharedStrings.xml',
      content: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}" count="1" uniqueCount="1"><si><t>`;
        for (let m = 0; m < megabytes; m += 1) yield chunk;
        yield '</t></si></sst>';
      },
    },
  ]);
}

/** A file of `bytes` bytes that takes no disk space (sparse), starting with `head`. */
export function sparseFile(file: string, bytes: number, head = ''): void {
  fs.writeFileSync(file, head);
  fs.truncateSync(file, bytes);
}

/** A named pipe with no writer (null where the platform has none). */
export function namedPipe(file: string): string | null {
  if (process.platform === 'win32') return null;
  try {
    execFileSync('mkfifo', [file]);
    return file;
  } catch {
    return null;
  }
}

/** A UTF-8 CSV (with curly apostrophes) with one byte damaged: not valid UTF-8 any more. */
export function damagedUtf8Csv(file: string, source: string): void {
  const bytes = Buffer.from(fs.readFileSync(source));
  const at = bytes.lastIndexOf(Buffer.from('Bolton'));
  bytes[at + 1] = 0xff; // "B\xFFlton"
  fs.writeFileSync(file, bytes);
}

/** An SSDA903 return in XML with a NUL inside an element of its second child. */
export function ssda903XmlWithNul(file: string): void {
  const child = (id: string, sex: string) =>
    `<CHILD><HEADER><CHILDID>${id}</CHILDID><SEX>${sex}</SEX><DOB>01/01/2010</DOB><ETHNIC>WBRI</ETHNIC></HEADER></CHILD>`;
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n${child('1001', '1')}\n${child('1002', '2\u0000')}\n</EXPSSDA903>\n`,
  );
}

/** GeoJSON of `features` small square features, about 300 bytes each. */
export function geoJson(file: string, features: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"type":"FeatureCollection","features":[');
  for (let k = 0; k < features; k += 1) {
    const x = (k % 1000) / 1000;
    fs.writeSync(
      fd,
      `${k ? ',' : ''}{"type":"Feature","properties":{"LAD23CD":"E0${String(k).padStart(7, '0')}","LAD23NM":"Area ${k}"},"geometry":{"type":"Polygon","coordinates":[[[${x},51],[${x + 0.001},51],[${x + 0.001},51.001],[${x},51.001],[${x},51]]]}}`,
    );
  }
  fs.writeSync(fd, ']}');
  fs.closeSync(fd);
}
