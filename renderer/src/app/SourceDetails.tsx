import type { Source } from '#shared/model/dataset.js';

/** One source written out in full as plain text; the address is shown, never followed. */
export function SourceDetails({ source }: { source: Source }) {
  return (
    <div className="source">
      <p className="source-title">
        {source.title}
        {source.illustrative && <span className="tag tag-illustrative">Illustrative</span>}
      </p>
      <dl className="source-facts">
        <dt>Publisher</dt>
        <dd>{source.publisher}</dd>
        <dt>File</dt>
        <dd className="break">{source.file}</dd>
        {source.table && (
          <>
            <dt>Table</dt>
            <dd>{source.table}</dd>
          </>
        )}
        <dt>Period</dt>
        <dd>{source.period}</dd>
        <dt>Licence</dt>
        <dd>{source.licence}</dd>
        {source.url && (
          <>
            <dt>Address</dt>
            <dd className="break">
              <span className="url-text">{source.url}</span>
            </dd>
          </>
        )}
      </dl>
      {source.illustrative && (
        <p className="source-note">These values are generated illustrations, not published figures.</p>
      )}
    </div>
  );
}
