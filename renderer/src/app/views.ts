import type { ComponentType } from 'react';
import { DataView } from '../views/data/DataView';
import { ImportView } from '../views/import/ImportView';
import { MapView } from '../views/map/MapView';
import { ProjectionView } from '../views/projection/ProjectionView';
import { CompareView } from '../views/compare/CompareView';
import { ScenariosView } from '../views/scenarios/ScenariosView';
import { ReportView } from '../views/report/ReportView';

export interface ViewDefinition {
  id: string;
  /** Navigation label, also used in messages such as "the Data view". */
  label: string;
  Component: ComponentType;
}

/**
 * The views in navigation order. A view is listed only once it works; Projection, Map, Scenarios,
 * Compare and Report join here as they are built.
 */
export const views: readonly ViewDefinition[] = [
  { id: 'data', label: 'Data', Component: DataView },
  { id: 'projection', label: 'Projection', Component: ProjectionView },
  { id: 'map', label: 'Map', Component: MapView },
  { id: 'scenarios', label: 'Scenarios', Component: ScenariosView },
  { id: 'compare', label: 'Compare', Component: CompareView },
  { id: 'import', label: 'Import', Component: ImportView },
  { id: 'report', label: 'Report', Component: ReportView },
];
