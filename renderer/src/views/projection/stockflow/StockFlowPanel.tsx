import { useEffect, useId, useMemo, useState } from 'react';
import type { CallResults } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { api } from '#renderer/api/index.js';
import { usePlan } from '#renderer/app/PlanContext.js';
import {
  buildStockflowRows,
  describeStockflowChart,
  explainDifference,
  formatSummary,
  methodDifferences,
  stockflowChartModel,
  type StockflowModeFigures,
} from './stockflowModel';
import { formatMonth } from '#renderer/format/dates.js';
import { formatWhole, formatSignedCount } from '#renderer/format/numbers.js';
import './stockflow.css';
import { scrollRegion } from '#renderer/app/scrollRegion.js';

type StockFlowResult = CallResults['getStockFlowProjection'];

interface Results {
  sfRegional: StockFlowResult;
  corrected: StockFlowResult;
}

type State =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; results: Results; key: string };

const referenceOptions = [6, 12, 24, 36];
const horizonOptions = [12, 24, 36, 60, 120];

function isNoReturns(error: unknown): boolean {
  return (
    error instanceof PlannerError && error.code === 'INVALID_ARGUMENT' && /holds no SSDA903 returns/.test(error.message)
  );
}

type UascChoice = 'all' | 'only' | 'excluded';

/** Unaccompanied asylum-seeking children (the returns' UASC table), split as the regional model does. */
const uascOptions: readonly { value: UascChoice; label: string }[] = [
  { value: 'all', label: 'Included' },
  { value: 'only', label: 'Only UASC' },
  { value: 'excluded', label: 'Excluded' },
];

/**
 * The stock-flow model of children in care from the plan's SSDA903 returns, in both modes side by
 * side: the reproduction of the regional demand model's method (sf-regional) and the corrected one.
 */
export function StockFlowPanel() {
  const { summary } = usePlan();
  const [referenceMonths, setReferenceMonths] = useState(12);
  const [horizonMonths, setHorizonMonths] = useState(60);
  const [uasc, setUasc] = useState<UascChoice>('all');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const headingId = useId();
  const referenceId = useId();
  const horizonId = useId();
  const uascId = useId();

  useEffect(() => {
    let cancelled = false;
    const reportMonths = Array.from({ length: Math.floor(horizonMonths / 6) }, (_, i) => (i + 1) * 6);
    const common = { referenceMonths, horizonMonths, reportMonths, uasc };
    const key = `${referenceMonths}/${horizonMonths}/${uasc}`;
    // Ask for the model only when the plan holds returns, so a plan without them makes no failing call.
    void (async () => {
      try {
        if ((await api.countSsda903({})).files === 0) {
          if (!cancelled) setState({ kind: 'empty' });
          return;
        }
        const [sfRegional, corrected] = await Promise.all([
          api.getStockFlowProjection({ mode: 'sf-regional', ...common }),
          api.getStockFlowProjection({ mode: 'corrected', ...common }),
        ]);
        if (!cancelled) setState({ kind: 'ready', results: { sfRegional, corrected }, key });
      } catch (error) {
        if (cancelled) return;
        if (isNoReturns(error)) setState({ kind: 'empty' });
        else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [referenceMonths, horizonMonths, uasc, summary]);

  if (state.kind === 'empty') {
    return (
      <p className="sf-empty" data-testid="stockflow-empty">
        Import your SSDA903 header and episodes files (Import view) to see the stock-flow model here, side by side with
        the regional demand model’s method.
      </p>
    );
  }

  return (
    <section className="proj-section sf-panel" aria-labelledby={headingId} data-testid="stockflow-panel">
      <h2 id={headingId}>Stock-flow model (SSDA903)</h2>
      <div className="sf-controls">
        <label htmlFor={referenceId}>
          Reference window
          <select id={referenceId} value={referenceMonths} onChange={(e) => setReferenceMonths(Number(e.target.value))}>
            {referenceOptions.map((m) => (
              <option key={m} value={m}>
                {m} months
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={horizonId}>
          Stock-flow horizon
          <select id={horizonId} value={horizonMonths} onChange={(e) => setHorizonMonths(Number(e.target.value))}>
            {horizonOptions.map((m) => (
              <option key={m} value={m}>
                {m} months
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={uascId}>
          UASC children
          <select id={uascId} value={uasc} onChange={(e) => setUasc(e.target.value as UascChoice)}>
            {uascOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state.kind === 'loading' && (
        <p className="proj-loading" aria-busy="true">
          Working out the stock-flow model…
        </p>
      )}
      {state.kind === 'error' && (
        <p className="proj-error-message" role="alert">
          The stock-flow model could not be worked out: {state.message}
        </p>
      )}
      {state.kind === 'ready' && state.key !== `${referenceMonths}/${horizonMonths}/${uasc}` && (
        <p className="proj-loading" aria-busy="true">
          Updating the stock-flow model…
        </p>
      )}
      {state.kind === 'ready' && <StockFlowResults results={state.results} />}
    </section>
  );
}

function ModeCells({ figures, mode }: { figures: StockflowModeFigures | null; mode: string }) {
  if (!figures) {
    return (
      <td className="th-num sf-group-start" data-column={`${mode}-total`}>
        –
      </td>
    );
  }
  return (
    <>
      <td className="th-num sf-group-start sf-total" data-column={`${mode}-total`}>
        {formatSummary(figures.total)}
      </td>
      {figures.categories.map((c) => (
        <td key={c.id} className="th-num" data-column={`${mode}-${c.id}`}>
          {formatSummary(c.summary)}
        </td>
      ))}
    </>
  );
}

function StockFlowResults({ results }: { results: Results }) {
  const sf = results.sfRegional.projection;
  const corr = results.corrected.projection;
  const rows = useMemo(() => buildStockflowRows(sf, corr), [sf, corr]);
  const explanation = useMemo(() => explainDifference(rows, sf, corr), [rows, sf, corr]);
  const chart = useMemo(() => stockflowChartModel(sf, corr), [sf, corr]);
  const label = useMemo(() => describeStockflowChart(sf, corr), [sf, corr]);
  const info = results.corrected;
  const las = info.las.length > 0 ? info.las.join(', ') : 'not stated';

  return (
    <>
      <p className="proj-caption" data-testid="stockflow-window">
        Reference window {info.referenceStart} to {info.referenceEnd}; local authorities: {las};{' '}
        {formatWhole(info.children)} children and {formatWhole(info.episodes)} episodes
        {info.errors + info.warnings > 0
          ? ` (the returns have ${formatWhole(info.errors)} errors and ${formatWhole(info.warnings)} warnings)`
          : ''}
        . The projection starts from the stock on {corr.startDate}: {formatWhole(corr.start.total.mean)} children in
        care.
      </p>

      <div className="proj-table-scroll" {...scrollRegion('Children in care by placement, both methods')}>
        <table className="proj-table sf-table">
          <caption>Children in care by placement, both methods side by side</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Month ahead
              </th>
              <th scope="colgroup" colSpan={sf.categories.length + 1} className="sf-group-start">
                Regional demand model’s method <span className="proj-th-hint">mean</span>
              </th>
              <th scope="colgroup" colSpan={corr.categories.length + 1} className="sf-group-start">
                Corrected <span className="proj-th-hint">median (P10–P90)</span>
              </th>
              <th scope="col" rowSpan={2} className="th-num sf-group-start">
                Difference <span className="proj-th-hint">total, corrected − regional</span>
              </th>
            </tr>
            <tr>
              <th scope="col" className="th-num sf-group-start">
                Total
              </th>
              {sf.categories.map((c) => (
                <th key={c.id} scope="col" className="th-num">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="th-num sf-group-start">
                Total
              </th>
              {corr.categories.map((c) => (
                <th key={c.id} scope="col" className="th-num">
                  {c.label.replace("'", '’')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.month} data-testid="stockflow-row" data-month={row.month}>
                <th scope="row">{formatMonth(row.month, row.date)}</th>
                <ModeCells figures={row.sfRegional} mode="sf-regional" />
                <ModeCells figures={row.corrected} mode="corrected" />
                <td className="th-num sf-group-start" data-column="difference">
                  {row.difference === null ? '–' : formatSignedCount(row.difference)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <figure className="sf-figure">
        <svg
          className="sf-chart"
          data-testid="stockflow-chart"
          role="img"
          aria-label={label}
          viewBox={`0 0 ${chart.width} ${chart.height}`}
        >
          {chart.yTicks.map((t) => (
            <g key={t.value}>
              <line className="sf-grid" x1={chart.plot.left} x2={chart.plot.right} y1={t.y} y2={t.y} />
              <text className="sf-tick" x={chart.plot.left - 6} y={t.y} textAnchor="end" dominantBaseline="middle">
                {t.label}
              </text>
            </g>
          ))}
          {chart.xTicks.map((t) => (
            <text key={t.value} className="sf-tick" x={t.x} y={chart.plot.bottom + 16} textAnchor="middle">
              {t.label}
            </text>
          ))}
          <text className="sf-axis-label" x={(chart.plot.left + chart.plot.right) / 2} y={chart.height - 4}>
            Months ahead
          </text>
          {chart.sfBand && <path className="sf-band-regional" d={chart.sfBand} />}
          {chart.correctedBand && <path className="sf-band-corrected" d={chart.correctedBand} />}
          <path className="sf-line-regional" d={chart.sfLine} />
          <path className="sf-line-corrected" d={chart.correctedLine} />
          {chart.correctedPoints.map((p) => (
            <circle key={p.month} className="sf-dot-corrected" cx={p.x} cy={p.y} r={3} />
          ))}
        </svg>
        <figcaption className="proj-caption">
          <span className="sf-key sf-key-corrected" aria-hidden="true" /> Corrected: median (P50), shaded P10–P90.{' '}
          <span className="sf-key sf-key-regional" aria-hidden="true" /> Regional demand model’s method: mean (dashed),
          shaded ±2σ where given.
        </figcaption>
      </figure>

      <div className="sf-explanation">
        <h3>Why the two differ</h3>
        <p>{explanation.summary}</p>
        <table className="proj-table sf-diff-table">
          <caption>What each method assumes</caption>
          <thead>
            <tr>
              <th scope="col">Regional demand model’s method</th>
              <th scope="col">Corrected</th>
            </tr>
          </thead>
          <tbody>
            {methodDifferences.map((d) => (
              <tr key={d.corrected}>
                <td>{d.sfRegional}</td>
                <td>{d.corrected}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {explanation.sfNotes.length + explanation.correctedNotes.length > 0 && (
          <ul className="sf-notes">
            {explanation.sfNotes.map((n) => (
              <li key={`sf-${n}`}>Regional demand model’s method: {n}</li>
            ))}
            {explanation.correctedNotes.map((n) => (
              <li key={`corr-${n}`}>Corrected: {n}</li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
