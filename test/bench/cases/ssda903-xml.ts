/**
 * SSDA903 returns in XML: read into the CSV form's tables and validated (shared/import/ssda903Xml.ts
 * then importSsda903), on generated returns of a large authority over several years.
 */
import { importSsda903 } from '../../../shared/import/ssda903.js';
import { ssda903TablesFromXml } from '../../../shared/import/ssda903Xml.js';
import type { BenchSuite } from '../types.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A return of `children` children with `episodes` episodes each and one missing episode each. */
function generatedReturn(children: number, episodes: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<EXPSSDA903>'];
  for (let c = 0; c < children; c++) {
    const born = `${pad(1 + (c % 28))}/${pad(1 + (c % 12))}/${2006 + (c % 10)}`;
    parts.push(
      `<CHILD><HEADER><CHILDID>${100000 + c}</CHILDID><UPN>A${c}</UPN><SEX>${1 + (c % 2)}</SEX><DOB>${born}</DOB>` +
        `<ETHNIC>WBRI</ETHNIC><MOTHER /><MC_DOB /><AMISSING><MISSING>M</MISSING><MIS_START>02/03/2021</MIS_START>` +
        `<MIS_END>04/03/2021</MIS_END></AMISSING></HEADER>`,
    );
    for (let e = 0; e < episodes; e++) {
      const start = `${pad(1 + e * 2)}/0${1 + (c % 9)}/2020`;
      const end = e === episodes - 1 ? '' : `${pad(3 + e * 2)}/0${1 + (c % 9)}/2020`;
      parts.push(
        `<EPISODE><DECOM>${start}</DECOM><RNE>${e === 0 ? 'S' : 'P'}</RNE><LS>C2</LS><CIN>N1</CIN>` +
          `<PL>${e % 3 === 0 ? 'K2' : 'U4'}</PL><PL_POST>M2 2BB</PL_POST><HOME_POST>M1 1AA</HOME_POST><URN>SC000001</URN>` +
          `<PLACE_PROVIDER>PR4</PLACE_PROVIDER><DEC>${end}</DEC><REC>${end ? 'X1' : ''}</REC>` +
          `<REASON_PLACE_CHANGE>${end ? 'CARPL' : ''}</REASON_PLACE_CHANGE></EPISODE>`,
      );
    }
    parts.push('</CHILD>');
  }
  parts.push('</EXPSSDA903>');
  return parts.join('\n');
}

function readAndValidate(text: string): number {
  const read = ssda903TablesFromXml(text, '2021-return.xml');
  if (read.issues.length) throw new Error(read.issues[0]?.message);
  const checked = importSsda903(read.tables.map((t) => ({ name: t.table, text: t.text, table: t.table })));
  if (checked.hasErrors) throw new Error(checked.issues.find((i) => i.severity === 'error')?.message);
  return checked.dataset.episodes.length;
}

export function suite(): BenchSuite {
  let large = '';
  let huge = '';
  return {
    setup: () => {
      large = generatedReturn(5_000, 5);
      huge = generatedReturn(20_000, 5);
    },
    cases: [
      {
        name: 'SSDA903 XML return read + validate: 5,000 children, 25,000 episodes (≈ 8 MB)',
        runs: 5,
        target: 2000,
        run: () => readAndValidate(large),
      },
      {
        name: 'SSDA903 XML return read + validate: 20,000 children, 100,000 episodes (≈ 33 MB)',
        runs: 2,
        target: 10_000,
        run: () => readAndValidate(huge),
      },
    ],
  };
}
