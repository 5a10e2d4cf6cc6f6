/**
 * What the Map shows, as chosen by the user: the measure colouring the areas, the layers drawn over
 * them and the kind of shapes. Shared so the figures behind the picture can be decided in shared/.
 */
export type GeometryKind = 'hex' | 'boundaries';
export type FillMeasure = 'gap' | 'distance';

export interface MapLayers {
  /** What colours the areas: the projected bed gap, or the published share placed 20+ miles away. */
  fill: FillMeasure;
  supply: boolean;
  flows: boolean;
  distance: boolean;
}

export const defaultLayers: MapLayers = { fill: 'gap', supply: true, flows: false, distance: true };
