/** What parseBoundaries takes and returns: its options, the boundaries read, and each layer measured. */
import type { BoundaryFeature, GeoIssue } from '../types.js';

export interface ParseBoundariesOptions {
  /** TopoJSON object (or GeoJSON "name") to read; by default the one holding most members (see above). */
  layer?: string;
  /**
   * The plan's member authorities (current ONS codes). When given, the layer is chosen by them and a
   * layer holding none of them is an error; without them, the layer matching most authorities is read.
   */
  members?: readonly string[];
  /** Property holding the ONS code; by default the candidate that matches most authorities. */
  codeField?: string;
  /** File name for the issues. */
  fileName?: string;
}

export interface ParsedBoundaries {
  format: 'geojson' | 'topojson' | null;
  /** Matched features, one per authority (features sharing a code are drawn as one), by code. */
  features: BoundaryFeature[];
  /** Every layer in the file (TopoJSON objects; one for GeoJSON). */
  layers: string[];
  /** What each layer holds, in file order: the user chooses among them. */
  layerSummaries: LayerSummary[];
  /** The layer read. */
  layer: string | null;
  /** Properties that hold ONS-style codes, best first; the first is the one read unless chosen. */
  codeFields: string[];
  codeField: string | null;
  nameField: string | null;
  /** Features whose code is not an English upper-tier authority (1-based feature numbers). */
  unmatched: { feature: number; code: string | null; name: string | null }[];
  issues: GeoIssue[];
}

/** One layer of a boundary file, measured by its best code field. */
export interface LayerSummary {
  name: string;
  features: number;
  /** The property read for codes (the best candidate); null when none holds ONS codes. */
  codeField: string | null;
  /** Distinct current English upper-tier authorities matched. */
  authorities: number;
  /** Distinct plan members matched (0 when no members were given). */
  members: number;
}
