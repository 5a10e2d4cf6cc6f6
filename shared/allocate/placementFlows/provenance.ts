/** The modelled flows' source: what was fitted, how well, and that the figures are modelled, never published. */
import type { Source } from '../../model/dataset.js';
import type { PlacementFlowModel } from './types.js';

export interface ModelledSourceOptions {
  id: string;
  /** Snapshot of the flows, e.g. "31 March 2024". */
  period: string;
  /** The published files the inputs came from, for the title (e.g. "DfE CLA 2024; Ofsted 31 March 2023; ONS centroids"). */
  inputs: string;
  /** The file or script that ran the model (default this module). */
  file?: string;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const points = (v: number): string => `${(v * 100).toFixed(1)} percentage points`;

/** A Source for modelled flows: not illustrative, with the method and its fit in the table field. */
export function modelledFlowsSource(model: PlacementFlowModel, options: ModelledSourceOptions): Source {
  const { fit, parameters } = model;
  return {
    id: options.id,
    title: `Modelled placing-LA → host-LA flows of children in secure and children's homes (doubly-constrained gravity model over authority centroids, fitted to ${options.inputs}). Modelled, not published: no public file gives who places where.`,
    publisher: 'Sufficiency Planner (modelled from published figures)',
    file: options.file ?? 'shared/allocate/placementFlows.ts',
    table:
      `T_ij = A_i O_i B_j D_j f(d_ij), f = exp(−${parameters.beta.toFixed(4)} × miles) between authorities and ` +
      (parameters.ownAuthority === null
        ? "each placing authority's own-boundary flow set to its in-boundary share (children's-homes target); "
        : `exp(${parameters.ownAuthority.toFixed(2)}) inside the placing authority; `) +
      `O = children in secure and children's homes, ` +
      `D = registered places scaled to them. Fit over ${fit.insideShare.authorities} placing authorities: in-boundary share ` +
      `${pct(fit.insideShare.modelledMean)} modelled against ${pct(fit.insideShare.targetMean)} target (mean absolute error ` +
      `${points(fit.insideShare.meanAbsoluteError)}); more than 20 miles ${pct(fit.over20Share.modelledMean)} against ` +
      `${pct(fit.over20Share.targetMean)} (error ${points(fit.over20Share.meanAbsoluteError)}); other authorities' children placed ` +
      `inside correlate ${fit.hostCountCorrelation.correlation.toFixed(2)} with the published counts.`,
    period: options.period,
    licence: 'Modelled from Open Government Licence v3.0 data (DfE, Ofsted, ONS)',
    url: '',
    illustrative: false,
  };
}
