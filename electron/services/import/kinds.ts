/**
 * What the import says about each kind of file it reads: its label in the preview, and the title,
 * publisher, licence and address recorded on the source that the file's figures cite; and what a
 * kind holds that the plan cannot take yet (said in the preview, never silently dropped).
 */
import type { FileKind } from '#shared/import/index.js';

const OGL = 'Open Government Licence v3.0';

export interface KindInfo {
  label: string;
  title: string;
  publisher: string;
  licence: string;
  url: string;
}

const dfeRelease =
  'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions';

export const kindInfo: Record<FileKind, KindInfo> = {
  'dfe-cla-number-rate': {
    label: 'DfE: children looked after, number and rate per 10,000',
    title: 'Children looked after in England: number and rate per 10,000 children',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-cla-characteristics': {
    label: 'DfE: children looked after on 31 March by characteristics',
    title: 'Children looked after in England: CLA on 31 March by characteristics',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-placement-netgain': {
    label: 'DfE: LA of placement net gain',
    title: 'Children looked after in England: LA of placement net gain',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'dfe-missing': {
    label: 'DfE: missing or away from placement',
    title: 'Children looked after in England: missing or away from placement without authorisation',
    publisher: 'Department for Education',
    licence: OGL,
    url: dfeRelease,
  },
  'ons-mye': {
    label: 'ONS: mid-year population estimates, ages 0 to 17',
    title: 'Mid-year population estimates, children aged 0 to 17',
    publisher: 'Office for National Statistics',
    licence: OGL,
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates',
  },
  'ons-snpp': {
    label: 'ONS: sub-national population projections',
    title: 'Sub-national population projections, children aged 0 to 17',
    publisher: 'Office for National Statistics',
    licence: OGL,
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationprojections',
  },
  'ofsted-providers': {
    label: 'Ofsted: children’s social care providers and places',
    title: 'Children’s social care data in England: provider level',
    publisher: 'Ofsted',
    licence: OGL,
    url: 'https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england',
  },
  'ofsted-joiners-leavers': {
    label: 'Ofsted: children’s homes joining and leaving (openings and closures)',
    title: 'Children’s social care data in England: joiners and leavers',
    publisher: 'Ofsted',
    licence: OGL,
    url: 'https://www.gov.uk/government/statistical-data-sets/childrens-social-care-data-in-england',
  },
  'ssda903-header': {
    label: 'SSDA903: header (children)',
    title: 'SSDA903 return: header',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-episodes': {
    label: 'SSDA903: episodes',
    title: 'SSDA903 return: episodes',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-uasc': {
    label: 'SSDA903: UASC (unaccompanied asylum-seeking children)',
    title: 'SSDA903 return: UASC',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-other': {
    label: 'SSDA903: a table of the return the planner does not use',
    title: 'SSDA903 return: other table',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-xml': {
    label: 'SSDA903: return in XML (header, episodes, missing and UASC)',
    title: 'SSDA903 return (XML)',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  'ssda903-missing': {
    label: 'SSDA903: missing episodes',
    title: 'SSDA903 return: missing',
    publisher: 'Your local authority',
    licence: 'Personal data of your local authority: not for publication',
    url: '',
  },
  geojson: {
    label: 'Boundaries (GeoJSON)',
    title: 'Boundaries',
    publisher: 'Office for National Statistics',
    licence: `${OGL}; contains OS data © Crown copyright and database right`,
    url: 'https://geoportal.statistics.gov.uk/',
  },
  topojson: {
    label: 'Boundaries (TopoJSON)',
    title: 'Boundaries',
    publisher: 'Office for National Statistics',
    licence: `${OGL}; contains OS data © Crown copyright and database right`,
    url: 'https://geoportal.statistics.gov.uk/',
  },
  hexjson: {
    label: 'Hex layout (HexJSON)',
    title: 'Hex map layout',
    publisher: 'Open Innovations',
    licence: 'MIT',
    url: '',
  },
  'unused-table': {
    label: 'A published table the planner does not use',
    title: 'Published table not used by the planner',
    publisher: 'Unknown',
    licence: 'Unknown',
    url: '',
  },
  unknown: { label: 'Not recognised', title: 'Unrecognised file', publisher: 'Unknown', licence: 'Unknown', url: '' },
};

/** What each kind holds that the plan cannot take yet (said in the preview, never silently dropped). */
export const notYetTaken: Partial<Record<FileKind, string>> = {};
