/**
 * The Import view's drop zone: where files are dropped, with the buttons to choose files and to
 * import by path, and the hidden file input the first one opens.
 */
import type { ChangeEvent, DragEvent as ReactDragEvent, RefObject } from 'react';

export function DropZone({
  dragging,
  working,
  pathsOpen,
  pathsFormId,
  onDragOver,
  onDragLeave,
  onDrop,
  onTogglePaths,
  onFilesChosen,
  chooseButtonRef,
  fileInputRef,
}: {
  dragging: boolean;
  working: boolean;
  /** Whether the form to import by path is open, and its id, for the button that opens it. */
  pathsOpen: boolean;
  pathsFormId: string;
  onDragOver(event: ReactDragEvent<HTMLDivElement>): void;
  onDragLeave(event: ReactDragEvent<HTMLDivElement>): void;
  onDrop(event: ReactDragEvent<HTMLDivElement>): void;
  onTogglePaths(): void;
  onFilesChosen(event: ChangeEvent<HTMLInputElement>): void;
  chooseButtonRef: RefObject<HTMLButtonElement | null>;
  fileInputRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div
      className={dragging ? 'drop-zone is-dragging' : 'drop-zone'}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="import-drop-zone"
    >
      <p className="drop-zone-title">Drop DfE, Ofsted, ONS or SSDA903 files here</p>
      <p className="drop-zone-hint">
        CSV, Excel (.xlsx), OpenDocument (.ods), JSON or an SSDA903 return in XML, as downloaded. Several files at once
        are checked and imported together.
      </p>
      <div className="drop-zone-actions">
        <button
          ref={chooseButtonRef}
          type="button"
          className="button button-primary"
          onClick={() => fileInputRef.current?.click()}
          disabled={working}
        >
          Choose files…
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={pathsOpen}
          aria-controls={pathsFormId}
          onClick={onTogglePaths}
        >
          Import by path…
        </button>
      </div>
      <input
        ref={fileInputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={onFilesChosen}
        data-testid="import-file-input"
      />
    </div>
  );
}
