/**
 * Generated SSDA903 returns for the benchmarks: a large authority's header and episodes tables (CSV,
 * dd/mm/yyyy) and the same return in XML, with varied placements, dates and open final episodes.
 * Written piece by piece into one string; no object per row.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const PLACES = ['U1', 'U4', 'U5', 'K2', 'R1', 'H5', 'P1', 'U3', 'K2', 'T1'];

function born(c: number): string {
  return `${pad(1 + (c % 28))}/${pad(1 + (c % 12))}/${2006 + (c % 12)}`;
}

/** Start and end of episode e of child c (the last one open). */
function episodeDates(c: number, e: number, last: boolean): [string, string] {
  const month = 1 + (c % 9);
  const start = `${pad(1 + e * 2)}/${pad(month)}/2023`;
  const end = last ? '' : `${pad(3 + e * 2)}/${pad(month)}/2023`;
  return [start, end];
}

export function generatedHeaderCsv(children: number): string {
  const parts = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  for (let c = 0; c < children; c++) parts.push(`${100000 + c},${1 + (c % 2)},${born(c)},WBRI,A${c},,`);
  return parts.join('\n') + '\n';
}

/** `rows` episode rows (at most children × perChild), `perChild` to a child. */
export function generatedEpisodesCsv(children: number, perChild: number, rows = children * perChild): string {
  const parts = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
  let n = 0;
  for (let c = 0; c < children && n < rows; c++) {
    for (let e = 0; e < perChild && n < rows; e++, n++) {
      const last = e === perChild - 1 || n === rows - 1;
      const [start, end] = episodeDates(c, e, last);
      const place = PLACES[(c + e) % PLACES.length]!;
      parts.push(
        `${100000 + c},${start},${e === 0 ? 'S' : 'P'},C2,N1,${place},PR4,${end},${end ? 'X1' : ''},${end ? 'CARPL' : ''},M1 1AA,M2 2BB,SC000001`,
      );
    }
  }
  return parts.join('\n') + '\n';
}

/** The same children as one return in XML, with a missing episode each. */
export function generatedReturnXml(children: number, perChild: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<EXPSSDA903>'];
  for (let c = 0; c < children; c++) {
    parts.push(
      `<CHILD><HEADER><CHILDID>${100000 + c}</CHILDID><UPN>A${c}</UPN><SEX>${1 + (c % 2)}</SEX><DOB>${born(c)}</DOB>` +
        `<ETHNIC>WBRI</ETHNIC><MOTHER /><MC_DOB /><AMISSING><MISSING>M</MISSING><MIS_START>02/03/2023</MIS_START>` +
        `<MIS_END>04/03/2023</MIS_END></AMISSING></HEADER>`,
    );
    for (let e = 0; e < perChild; e++) {
      const [start, end] = episodeDates(c, e, e === perChild - 1);
      const place = PLACES[(c + e) % PLACES.length]!;
      parts.push(
        `<EPISODE><DECOM>${start}</DECOM><RNE>${e === 0 ? 'S' : 'P'}</RNE><LS>C2</LS><CIN>N1</CIN>` +
          `<PL>${place}</PL><PL_POST>M2 2BB</PL_POST><HOME_POST>M1 1AA</HOME_POST><URN>SC000001</URN>` +
          `<PLACE_PROVIDER>PR4</PLACE_PROVIDER><DEC>${end}</DEC><REC>${end ? 'X1' : ''}</REC>` +
          `<REASON_PLACE_CHANGE>${end ? 'CARPL' : ''}</REASON_PLACE_CHANGE></EPISODE>`,
      );
    }
    parts.push('</CHILD>');
  }
  parts.push('</EXPSSDA903>');
  return parts.join('\n');
}
