import { describe, it, expect } from 'vitest';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult } from '#shared/import/index.js';
import { fixtureBytes, fixtureNames } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const issueList = (r: ImportResult): [string, number | null, string | null, string][] =>
  r.issues.map((i) => [i.severity, i.row, i.column, i.message]);

describe('parseImportFile', () => {
  it('reports an empty file', () => {
    const r = parseImportFile('empty.csv', new Uint8Array(0), testLookup);
    expect(r.kind).toBe('unknown');
    expect(issueList(r)).toEqual([['error', null, null, 'The file is empty.']]);
  });

  it('reports a CSV it cannot read instead of throwing', () => {
    const r = parseImportFile('broken.csv', encode('time_period,number\n2024,"83630\n'), testLookup);
    expect(issueList(r)).toEqual([
      [
        'error',
        null,
        null,
        'The file is not readable as CSV: CSV: the quoted field starting on line 2 is never closed.',
      ],
    ]);
  });

  it('reports a file of an unknown kind', () => {
    const r = parseImportFile('notes.csv', encode('name,value\nBolton,3\n'), testLookup);
    expect(r.kind).toBe('unknown');
    expect(r.summary.rows).toBe(2);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/^Could not tell what kind of file this is: No recognised header/);
  });

  it('recognises SSDA903 and boundary files without parsing them', () => {
    const episodes = parseImportFile(
      'episodes.csv',
      encode(
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/04/2020,S,C2,N1,K2,PR4,,,,M1 1AA,M2 2BB,SC123\n',
      ),
      testLookup,
    );
    expect([episodes.kind, episodes.summary.rows, episodes.issues]).toEqual(['ssda903-episodes', 1, []]);
    const geo = parseImportFile(
      'gm.geojson',
      encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}'),
      testLookup,
    );
    expect([geo.kind, geo.summary.rows, geo.issues]).toEqual(['geojson', 1, []]);
    const topo = parseImportFile(
      'lad.topojson',
      encode('{"type":"Topology","objects":{"lad":{"type":"GeometryCollection","geometries":[{},{}]}},"arcs":[]}'),
      testLookup,
    );
    expect([topo.kind, topo.summary.rows]).toEqual(['topojson', 2]);
    const hex = parseImportFile(
      'uk.hexjson',
      encode('{"layout":"odd-r","hexes":{"E08000001":{"q":4,"r":14}}}'),
      testLookup,
    );
    expect([hex.kind, hex.summary.rows]).toEqual(['hexjson', 1]);
  });

  it('uses the file name without its folder for issues and as the default source', () => {
    const r = parseImportFile(
      'C:\\Users\\analyst\\Downloads\\dfe-missing-2024.csv',
      fixtureBytes('dfe-missing-2024.csv'),
      testLookup,
    );
    expect(r.observations[0]?.source).toBe('dfe-missing-2024.csv');
    const bad = parseImportFile('/home/a/b/x.csv', new Uint8Array(0), testLookup);
    expect(bad.issues[0]?.file).toBe('x.csv');
  });

  it('warns about a header with no data rows', () => {
    const r = parseImportFile('x.csv', encode('time_period,geographic_level,population_count,number\n'), testLookup);
    expect(r.kind).toBe('dfe-cla-number-rate');
    expect(issueList(r)).toEqual([['warning', null, null, 'The file has a header row but no data rows.']]);
  });

  it('lists the sheets when none of a workbook is a known kind', () => {
    const r = parseImportFile(
      'book.xlsx',
      [
        { sheetName: 'Contents', rows: [['Contents']] },
        { sheetName: 'Notes', rows: [['a', 'b']] },
      ],
      testLookup,
    );
    expect(issueList(r)).toEqual([
      [
        'error',
        null,
        null,
        "Could not tell what kind of file this is: None of the sheets ('Contents', 'Notes') is a kind of file this tool reads.",
      ],
    ]);
  });

  it('parses every fixture without throwing and with a consistent summary', () => {
    for (const name of fixtureNames()) {
      const r = parseImportFile(name, fixtureBytes(name), testLookup);
      const areas = new Set(
        [...r.observations, ...r.supply, ...r.homes, ...r.projections, ...(r.supplyMovements ?? [])].map((x) => x.area),
      );
      expect(r.summary.areas, name).toBe(areas.size);
      expect(r.kind, name).not.toBe('unknown');
    }
  });
});
