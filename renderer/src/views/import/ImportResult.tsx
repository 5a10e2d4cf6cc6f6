/**
 * What the last import did: one line per file imported, and the reminder that the plan now has
 * unsaved changes.
 */
import { useId, type RefObject } from 'react';
import type { ImportLogEntry } from '#shared/api/contract.js';
import { describeCommit, describeLogEntry } from './importModel';

export function ImportResult({
  logged,
  headingRef,
}: {
  logged: readonly ImportLogEntry[];
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const resultHeadingId = useId();
  return (
    <section className="import-result" aria-labelledby={resultHeadingId} data-testid="import-result">
      <h2 id={resultHeadingId} ref={headingRef} tabIndex={-1}>
        {describeCommit(logged)}
      </h2>
      <ul className="import-result-list">
        {logged.map((entry) => (
          <li key={entry.id}>{describeLogEntry(entry)}</li>
        ))}
      </ul>
      {logged.length > 0 && (
        <p className="import-result-note">
          The plan now has unsaved changes: save it to keep them. Every figure’s source is the file it came from.
        </p>
      )}
    </section>
  );
}
