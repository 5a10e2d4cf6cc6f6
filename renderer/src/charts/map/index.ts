/** The Map picture, shared by the Map view and the Report: geometry, the picture, its words and MapSvg. */
export * from './frame';
export * from './geometry';
export * from './legend';
export * from './picture';
export * from './types';
export * from './words';
export { MapSvg, FONT_FAMILY, type MapSvgProps } from './MapSvg';
