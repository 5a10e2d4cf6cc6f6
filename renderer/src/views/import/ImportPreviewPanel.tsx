/**
 * What importing the previewed files would change: the verdict with the Import and Cancel buttons,
 * then one card per file (FilePreviewCard) with what it would add or replace and every problem.
 */
import { useId, type RefObject } from 'react';
import type { ImportPreview } from '#shared/api/contract.js';
import { FilePreviewCard, type FileChoice } from './FilePreviewCard';
import type { summarisePreview } from './importModel';

export function ImportPreviewPanel({
  preview,
  status,
  working,
  headingRef,
  onCommit,
  onCancel,
  onChoose,
}: {
  preview: ImportPreview;
  status: NonNullable<ReturnType<typeof summarisePreview>>;
  working: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onCommit(): void;
  onCancel(): void;
  /** Previews the same files again with one file's layer or snapshot date chosen. */
  onChoose(index: number, choice: FileChoice): void;
}) {
  const previewHeadingId = useId();
  return (
    <section className="import-preview" aria-labelledby={previewHeadingId} data-testid="import-preview">
      <h2 id={previewHeadingId} ref={headingRef} tabIndex={-1} aria-describedby={`${previewHeadingId}-status`}>
        What importing {preview.files.length === 1 ? 'this file' : `these ${preview.files.length} files`} would change
      </h2>
      <div className={`import-status import-status-${status.tone}`}>
        <p id={`${previewHeadingId}-status`} className="import-status-text" data-testid="import-status">
          {status.text}
        </p>
        <div className="import-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={onCommit}
            disabled={!preview.canCommit || status.tone === 'nothing' || working}
            data-testid="import-commit"
          >
            Import
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={working} data-testid="import-cancel">
            Cancel
          </button>
        </div>
      </div>
      <ol className="import-files">
        {preview.files.map((file, i) => (
          <li key={`${i}-${file.sha256}`}>
            <FilePreviewCard
              key={`${file.layer ?? ''}|${file.asOf?.date ?? ''}`}
              file={file}
              onChoose={(choice) => onChoose(i, choice)}
              disabled={working}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
