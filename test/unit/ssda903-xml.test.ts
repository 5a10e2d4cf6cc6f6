/**
 * SSDA903 returns in XML: recognised from their content; read into the CSV form's tables with the
 * CSV column names (CHILDID → CHILD, PL → PLACE) whatever the wrapping; each record labelled by
 * child and episode; issues restated in the XML's terms; and no mutation of a valid return makes
 * the reader throw.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFileKind } from '#shared/import/detect.js';
import {
  importSsda903,
  isSsda903Xml,
  issueInXml,
  recordLabels,
  ssda903TablesFromXml,
  ssda903XmlElement,
} from '#shared/import/ssda903/index.js';
import { seededRandom } from '../helpers/random.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ssda903');
const returnXml = fs.readFileSync(path.join(fixtures, '2021-return.xml'), 'utf8');
const csv = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const dataRows = (text: string) => text.trim().split('\n').length - 1;

describe('recognising an SSDA903 return in XML', () => {
  it('from its elements, not its name', () => {
    expect(isSsda903Xml(returnXml)).toBe(true);
    expect(isSsda903Xml(`\uFEFF  ${returnXml}`)).toBe(true);
    expect(detectFileKind('anything.txt', returnXml).kind).toBe('ssda903-xml');
    expect(isSsda903Xml('<?xml version="1.0"?><rss><channel /></rss>')).toBe(false);
    expect(detectFileKind('return.xml', '<rss><channel /></rss>')).toMatchObject({
      kind: 'unknown',
      reason: expect.stringMatching(/not an SSDA903 return/),
    });
    expect(isSsda903Xml('CHILD,SEX,DOB\n<CHILD>,1,2')).toBe(false);
  });
});

describe('reading a return into the CSV form', () => {
  it('gives the same tables as the CSV files of the same return', () => {
    const read = ssda903TablesFromXml(returnXml, '2021-return.xml');
    expect(read.issues).toEqual([]);
    expect(read.children).toBe(3);
    const [header, episodes, missing] = read.tables;
    expect(header?.text).toBe(csv('2021-header.csv'));
    expect(episodes?.text).toBe(csv('2021-episodes.csv'));
    expect(recordLabels(episodes!.records)).toEqual([
      'CHILD 1001, episode 1',
      'CHILD 1001, episode 2',
      'CHILD 1002, episode 1',
      'CHILD 1003, episode 1',
    ]);
    // Missing episodes take the child's DOB from the header.
    expect(missing?.text.split('\n').slice(0, 2)).toEqual([
      'CHILD,DOB,MISSING,MIS_START,MIS_END',
      '1001,16/06/2008,M,02/03/2021,04/03/2021',
    ]);
    expect(missing?.records).toHaveLength(3);
  });

  it('finds children inside any wrapper, episodes inside the header, and decodes entities and quotes', () => {
    const xml = `<?xml version="1.0"?>
      <Message><Children>
        <CHILD><HEADER><CHILDID>07</CHILDID><SEX>2</SEX><DOB>2010-01-31</DOB><ETHNIC>WBRI</ETHNIC>
          <EPISODE><DECOM>2021-04-01</DECOM><RNE>S</RNE><PL>K2</PL><PLACE_PROVIDER>PR4</PLACE_PROVIDER>
            <HOME_POST>M1 &amp; 2</HOME_POST><PL_POST>"M2", 3</PL_POST></EPISODE>
        </HEADER></CHILD>
        <CHILD><HEADER><SEX>1</SEX></HEADER></CHILD>
      </Children></Message>`;
    const read = ssda903TablesFromXml(xml, 'r.xml');
    expect(read.children).toBe(2);
    const episodes = read.tables.find((t) => t.table === 'episodes');
    // The leading zero of the child id is kept; the comma and quotes are quoted for CSV.
    expect(episodes?.text.split('\n')[1]).toBe('07,2021-04-01,S,,,K2,PR4,,,,M1 & 2,"""M2"", 3",');
    expect(recordLabels(read.tables[0]!.records)).toEqual(['CHILD 07', 'CHILD element 2 (no CHILDID)']);
    expect(read.tables.map((t) => t.table)).toEqual(['header', 'episodes']);
  });

  it('keeps text outside ASCII, CDATA and character references in episode fields, byte for byte', () => {
    const xml = `<EXPSSDA903><CHILD><HEADER><CHILDID>9</CHILDID><DOB>01/01/2010</DOB></HEADER>
      <EPISODE><DECOM>01/04/2021</DECOM><PL>K2</PL><HOME_POST> Café &#x1F3E0; </HOME_POST>
        <PL_POST><![CDATA[M1 <1>]]></PL_POST><URN>Łódź, 𝒳</URN><REC>&#233;</REC></EPISODE></CHILD></EXPSSDA903>`;
    const episodes = ssda903TablesFromXml(xml, 'u.xml').tables.find((t) => t.table === 'episodes');
    expect(episodes?.text.split('\n')[1]).toBe('9,01/04/2021,,,,K2,,,é,,Café 🏠,M1 <1>,"Łódź, 𝒳"');
  });

  it('refuses what is not well formed, or has no children, naming the line', () => {
    const broken = ssda903TablesFromXml(returnXml.replace('</HEADER>', '</HEADR>'), 'b.xml');
    expect(broken.tables).toEqual([]);
    expect(broken.issues[0]).toMatchObject({ severity: 'error', file: 'b.xml', row: 16 });
    expect(broken.issues[0]?.message).toMatch(/^The file is not well-formed XML: .*\(line 16\)\.$/);
    expect(ssda903TablesFromXml('<EXPSSDA903></EXPSSDA903>', 'e.xml').issues[0]?.message).toMatch(/no CHILD elements/);
  });

  it('restates a CSV-form issue by child, episode and element', () => {
    const read = ssda903TablesFromXml(returnXml.replace('<PL>K2</PL>', '<PL>ZZ</PL>'), 'r.xml');
    const result = importSsda903(read.tables.map((t) => ({ name: `r › ${t.table}`, text: t.text, table: t.table })));
    const episodes = read.tables.find((t) => t.table === 'episodes')!;
    const issue = result.issues.find((i) => i.file === 'r › episodes' && i.column === 'PLACE');
    expect(issue?.row).toBe(3);
    const restated = issueInXml(issue!, 'r.xml', episodes.records);
    expect(restated).toMatchObject({ file: 'r.xml', row: null, column: 'PL' });
    expect(restated.message).toMatch(/^CHILD 1001, episode 2, element PL: .*ZZ/);
    expect(ssda903XmlElement('CHILD')).toBe('CHILDID');
    expect(ssda903XmlElement('DECOM')).toBe('DECOM');
  });
});

describe('fuzzing the XML reader', () => {
  const mutations: ((text: string, random: () => number) => string)[] = [
    (t, r) => t.slice(0, Math.floor(r() * t.length)),
    (t, r) => {
      const at = Math.floor(r() * t.length);
      return t.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + t.slice(at + 1);
    },
    (t, r) => {
      const tags = [...t.matchAll(/<\/?[A-Z_]+>/g)];
      const tag = tags[Math.floor(r() * tags.length)];
      return tag?.index === undefined ? t : t.slice(0, tag.index) + t.slice(tag.index + tag[0].length);
    },
    (t, r) => t.replace(/>([^<]+)</g, (m, v: string) => (r() < 0.2 ? `>${'9'.repeat(40)}${v}<` : m)),
    (t) => t.replace(/<EPISODE>/g, '<EPISODE><EPISODE>'),
    (t, r) => t.replace(/\n/g, () => (r() < 0.3 ? '\n<!-- -->' : '\n')),
  ];

  it('never throws on 2,000 mutated returns, and always gives tables or a reason', () => {
    const random = seededRandom(903);
    for (let n = 0; n < 2000; n++) {
      let text = returnXml;
      const rounds = 1 + Math.floor(random() * 3);
      for (let k = 0; k < rounds; k++) text = mutations[Math.floor(random() * mutations.length)]!(text, random);
      const read = ssda903TablesFromXml(text, 'fuzz.xml');
      if (read.tables.length === 0) {
        expect(read.issues.length, text).toBeGreaterThan(0);
        continue;
      }
      for (const t of read.tables) expect(t.records).toHaveLength(dataRows(t.text));
      const checked = importSsda903(read.tables.map((t) => ({ name: t.table, text: t.text, table: t.table })));
      expect(typeof checked.hasErrors).toBe('boolean');
    }
  });
});
