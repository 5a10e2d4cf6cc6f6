import { SourceDetails } from '../../app/SourceDetails';
import type { FigureCell, FigureColumn, TableRow } from './table';
import { listNames } from '#shared/forecast/inputs/index.js';
import { suppressionReasons } from '../../models/figureWords';
import { formatNumber } from '../../format/numbers';

export interface FigureDetailsProps {
  id: string;
  selection: { row: TableRow; column: FigureColumn; cell: FigureCell } | null;
}

/** Where the selected figure comes from: its value or why it is missing, and every source in full. */
export function FigureDetails({ id, selection }: FigureDetailsProps) {
  return (
    // A tab stop: beside the table the panel scrolls on its own when a figure has many sources.
    <section id={id} className="figure-details" aria-labelledby={`${id}-heading`} aria-live="polite" tabIndex={0}>
      <h2 id={`${id}-heading`}>Where this figure comes from</h2>
      {!selection ? (
        <p className="muted">Select any figure in the table to see its source, period and licence.</p>
      ) : (
        <SelectedFigure {...selection} />
      )}
    </section>
  );
}

function SelectedFigure({ row, column, cell }: { row: TableRow; column: FigureColumn; cell: FigureCell }) {
  const figure = cell.figure;
  return (
    <>
      <p className="details-subject">
        <strong>{row.name}</strong> · {column.label} ({cell.periodNote ?? column.periodLabel})
      </p>
      <p className="details-value">
        {cell.value === null ? (
          <>
            <span aria-hidden="true">{cell.text}</span> No value: {cell.missing}
            {figure?.suppression && <> (published code “{figure.suppression}”)</>}
          </>
        ) : (
          <>
            {cell.text} <span className="details-unit">{column.unit}</span>
            {cell.balance && <span className="details-unit"> ({cell.balance})</span>}
          </>
        )}
      </p>
      {cell.share && (
        <p>
          That is <strong>{cell.share.text}</strong> of the {formatNumber(cell.share.denominator)} children looked after
          on the same date. {cell.share.derivation}.
        </p>
      )}
      {figure?.suppression && cell.value !== null && (
        <p>
          Published with the code “{figure.suppression}” ({suppressionReasons[figure.suppression]}).
        </p>
      )}
      {figure?.derivation ? (
        <p>{figure.derivation.replace(/\.$/, '')}.</p>
      ) : (
        row.kind === 'consortium' && <p>Consortium figure formed from the member authorities’ figures.</p>
      )}
      {cell.missingMembers.length > 0 && (
        <p className="details-incomplete">
          <span className="tag tag-incomplete">Incomplete</span> There is no figure for {listNames(cell.missingMembers)}
          , so the total leaves {cell.missingMembers.length === 1 ? 'it' : 'them'} out.
        </p>
      )}
      <p className="muted">{column.description}</p>
      {cell.sources.length === 0 && cell.unknownSourceIds.length === 0 ? (
        <p>No source is recorded for this figure.</p>
      ) : (
        <ul className="source-list">
          {cell.sources.map((source) => (
            <li key={source.id}>
              <SourceDetails source={source} />
            </li>
          ))}
          {cell.unknownSourceIds.map((sourceId) => (
            <li key={sourceId}>
              <p>Source “{sourceId}” is referred to but not described in this plan.</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
