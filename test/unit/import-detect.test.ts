import { describe, it, expect } from 'vitest';
import { detectFileKind } from '#shared/import/detect.js';
import type { FileKind } from '#shared/import/detect.js';
import { decodeText } from '#shared/import/text.js';
import { fixtureBytes } from '../fixtures/import/files.js';

const fixtureKinds: [string, FileKind, number][] = [
  ['dfe-cla-number-rate-2024.csv', 'dfe-cla-number-rate', 0],
  ['dfe-cla-number-rate-2025.csv', 'dfe-cla-number-rate', 0],
  ['dfe-cla-number-rate-invalid.csv', 'dfe-cla-number-rate', 0],
  ['dfe-cla-number-rate-missing-column.csv', 'dfe-cla-number-rate', 0],
  ['dfe-cla-characteristics-2024.csv', 'dfe-cla-characteristics', 0],
  ['dfe-cla-characteristics-2025.csv', 'dfe-cla-characteristics', 0],
  ['dfe-missing-2024.csv', 'dfe-missing', 0],
  ['dfe-netgain-2024.csv', 'dfe-placement-netgain', 0],
  ['dfe-new-placements-2024.csv', 'unused-table', 0],
  ['dfe-placement-stability-2024.csv', 'unused-table', 0],
  ['ofsted-joiners-leavers-2023.csv', 'ofsted-joiners-leavers', 3],
  ['ons-mye-dfe-layout.csv', 'ons-mye', 0],
  ['ons-snpp-2022-persons.csv', 'ons-snpp', 0],
  ['ons-snpp-2018-sexes.csv', 'ons-snpp', 0],
  ['ofsted-providers-2023.csv', 'ofsted-providers', 3],
  ['ofsted-providers-2023-errors.csv', 'ofsted-providers', 3],
  ['ofsted-providers-2023-windows-1252.csv', 'ofsted-providers', 3],
  ['ofsted-providers-at-31-march-2015.csv', 'ofsted-providers', 0],
];

describe('detectFileKind', () => {
  it.each(fixtureKinds)('detects %s as %s', (name, kind, headerRow) => {
    const detection = detectFileKind(name, decodeText(fixtureBytes(name)).text);
    expect(detection.kind).toBe(kind);
    expect(detection.headerRow).toBe(headerRow);
    expect(detection.reason.length).toBeGreaterThan(10);
  });

  it('goes by content, not by the file name', () => {
    const text = decodeText(fixtureBytes('dfe-missing-2024.csv')).text;
    expect(detectFileKind('ofsted_providers.csv', text).kind).toBe('dfe-missing');
    expect(detectFileKind('anything.txt', text).kind).toBe('dfe-missing');
  });

  it('explains its choice', () => {
    const text = decodeText(fixtureBytes('dfe-cla-number-rate-2025.csv')).text;
    expect(detectFileKind('x.csv', text).reason).toBe(
      "DfE long format with filter column 'population_type' on row 1 (CLA number and rate per 10,000).",
    );
    const ofsted = decodeText(fixtureBytes('ofsted-providers-2023.csv')).text;
    expect(detectFileKind('x.csv', ofsted).reason).toBe('Ofsted provider-level header (URN, Provision type) on row 4.');
  });

  it('recognises the SSDA903 tables by their columns', () => {
    expect(detectFileKind('a.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/01/2010,WBRI,A,,\n').kind).toBe(
      'ssda903-header',
    );
    expect(
      detectFileKind(
        'b.csv',
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA,YEAR\n',
      ).kind,
    ).toBe('ssda903-episodes');
    expect(detectFileKind('c.csv', 'CHILD,DOB,MISSING,MIS_START,MIS_END\n').kind).toBe('ssda903-missing');
    const uasc = detectFileKind('d.csv', 'CHILD,SEX,DOB,DUC\n1,1,01/01/2005,01/01/2023\n');
    expect(uasc.kind).toBe('ssda903-uasc');
    expect(uasc.reason).toContain('UASC');
    const oc3 = detectFileKind('e.csv', 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1,01/01/2003,YES,F2,B\n');
    expect(oc3).toMatchObject({ kind: 'ssda903-other', reason: expect.stringContaining('OC3') });
    expect(detectFileKind('f.csv', 'CHILD,COLOUR\n1,red\n')).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('not one of the SSDA903'),
    });
  });

  it('recognises boundary files by their JSON keys', () => {
    expect(detectFileKind('a.json', '{"type":"FeatureCollection","features":[]}').kind).toBe('geojson');
    expect(detectFileKind('b.json', '{"type":"Topology","objects":{"lad":{"type":"GeometryCollection"}}}').kind).toBe(
      'topojson',
    );
    expect(detectFileKind('c.json', '{"layout":"odd-r","hexes":{"E08000001":{"n":"Bolton","q":4,"r":14}}}').kind).toBe(
      'hexjson',
    );
    expect(detectFileKind('d.json', '{"hello":1}').kind).toBe('unknown');
    expect(detectFileKind('e.json', '{"type": "FeatureCollection",').kind).toBe('unknown');
    expect(detectFileKind('f.json', '[1,2,3]').kind).toBe('unknown');
  });

  it('tells the national new-placements table (B2) from the 31 March distance table', () => {
    const header =
      'time_period,time_identifier,geographic_level,country_code,country_name,cla_group,characteristic,number,percentage';
    const b2 = `${header}\n2022,Reporting year,National,E92000001,England,"Secure units, childrens homes and semi-independent living accommodation",1. 20 miles or less,8060,46\n`;
    const a4 = `${header}\n2024,Reporting year,National,E92000001,England,Secure homes and children's homes,1. 20 miles or less,3290,39\n`;
    expect(detectFileKind('x.csv', b2)).toMatchObject({
      kind: 'unused-table',
      table: 'DfE table of new placements during the year',
    });
    expect(detectFileKind('x.csv', a4).kind).toBe('dfe-cla-characteristics');
  });

  it('does not take other DfE tables for the characteristics table', () => {
    const text =
      'time_period,time_identifier,geographic_level,country_code,country_name,cla_group,characteristic,number,percentage\n' +
      '2024,Reporting year,National,E92000001,England,Placement,Children who ceased to be looked after,100,1\n';
    const d = detectFileKind('x.csv', text);
    expect(d).toMatchObject({ kind: 'unused-table', table: "DfE table of 'children who ceased to be looked after'" });
    expect(d.reason).toContain('another table');
  });

  it('says why it cannot tell', () => {
    expect(detectFileKind('x.csv', '')).toEqual({ kind: 'unknown', reason: 'The file is empty.', headerRow: null });
    expect(detectFileKind('x.csv', 'a,b,c\n1,2,3\n').reason).toMatch(/^No recognised header/);
    expect(detectFileKind('x.csv', 'a,"b\n1,2').reason).toMatch(/^The file is not readable as CSV/);
  });

  it('finds an Ofsted header under title rows in a sheet read as cells', () => {
    const sheet = {
      sheetName: 'Provider_level_at_31_Mar_2023',
      rows: [
        ['Title'],
        ['Notes'],
        [''],
        ['URN', 'Provision type', 'Local authority'],
        ['SC1', "Children's home", 'Bolton'],
      ],
    };
    expect(detectFileKind('book.ods', sheet)).toEqual({
      kind: 'ofsted-providers',
      reason: 'Ofsted provider-level header (URN, Provision type) on row 4.',
      headerRow: 3,
    });
  });
});

describe('published tables the planner does not use', () => {
  it.each([
    ['dfe-placement-stability-2024.csv', 'DfE placement stability table'],
    ['dfe-new-placements-2024.csv', 'DfE table of new placements during the year'],
  ])('names %s as the %s', (name, table) => {
    const detection = detectFileKind(name, decodeText(fixtureBytes(name)).text);
    expect(detection.table).toBe(table);
    expect(detection.reason).toMatch(new RegExp(`the ${table}, which the planner does not use\\.$`));
  });
});

describe('the placement stability table in the 2025 layout', () => {
  it('is named by its filter values when it has no placement_stability column', () => {
    const text =
      'time_period,time_identifier,geographic_level,country_code,country_name,characteristic,breakdown,children_count,children_percent\n' +
      '2025,Reporting year,National,E92000001,England,Placement stability,Three or more placements during the year,"8,650",10\n';
    expect(detectFileKind('x.csv', text)).toMatchObject({
      kind: 'unused-table',
      table: 'DfE placement stability table',
    });
  });
});
