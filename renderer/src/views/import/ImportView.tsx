import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type DragEvent as ReactDragEvent,
  type FormEvent,
} from 'react';
import type { ImportFileRef, ImportLogEntry, ImportPreview } from '../../../../shared/api/contract.js';
import { api, isPlannerError } from '../../api';
import { usePlan } from '../../app/PlanContext';
import { toShownError } from '../../app/usePlanController';
import { FilePreviewCard, type FileChoice } from './FilePreviewCard';
import { ImportHistory } from './ImportHistory';
import {
  bytesToBase64,
  contentSizeProblem,
  describeCommit,
  describeImportProgress,
  describeLogEntry,
  maxFilesPerImport,
  parsePathList,
  plural,
  readingMessage,
  summarisePreview,
  type ImportProgressView,
  type PathListProblem,
} from './importModel';

type FocusTarget = 'preview' | 'result' | 'choose' | 'paths';

const busyNotice = 'Another action is still running. Try again in a moment.';
const cancelledMessage = 'Import cancelled. Nothing was changed.';
/** How often the host is asked how far a running preview has got. */
const progressPollMs = 250;

/** Turns chosen or dropped files into import references: their path when the host has one, else their contents. */
async function refsForFiles(files: readonly File[]): Promise<ImportFileRef[]> {
  if (files.length > maxFilesPerImport) {
    throw new Error(`Import at most ${maxFilesPerImport} files at once; ${files.length} were chosen.`);
  }
  const withPaths = files.map((file) => ({ file, path: api.pathForFile(file) }));
  const sizeProblem = contentSizeProblem(withPaths.filter((f) => !f.path).map((f) => f.file));
  if (sizeProblem) throw new Error(sizeProblem);
  const refs: ImportFileRef[] = [];
  // One at a time, so only one file's contents is held twice (bytes and base64) at once.
  for (const { file, path } of withPaths) {
    if (path) {
      refs.push({ path });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      throw new Error(`${file.name} could not be read: ${toShownError(error).message}`, { cause: error });
    }
    refs.push({ name: file.name, contentBase64: bytesToBase64(bytes) });
  }
  return refs;
}

function hasFiles(event: DragEvent | ReactDragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Import: the analyst drops this year's DfE, Ofsted, ONS or SSDA903 files (or gives their paths),
 * sees per file what would be added or replaced and every problem, then imports them all in one
 * go, or cancels. Nothing changes until Import; an import with any error cannot be committed.
 */
export function ImportView() {
  const { plan, perform } = usePlan();
  const planKey = `${plan.untitled ? 'untitled' : (plan.path ?? '')}`;
  const pathsFormId = useId();
  const pathsFieldId = useId();
  const pathsHintId = useId();
  const pathsErrorId = useId();
  const statusId = useId();
  const previewHeadingId = useId();
  const resultHeadingId = useId();

  // The preview and the last result belong to the plan they were made for.
  // The files previewed are kept, so that choosing a file's layer or snapshot date previews them again.
  const [previewFor, setPreviewFor] = useState<{
    planKey: string;
    preview: ImportPreview;
    refs: ImportFileRef[];
  } | null>(null);
  const [resultFor, setResultFor] = useState<{ planKey: string; logged: ImportLogEntry[] } | null>(null);
  const preview = previewFor?.planKey === planKey ? previewFor.preview : null;
  const logged = resultFor?.planKey === planKey ? resultFor.logged : null;

  const [working, setWorking] = useState(false);
  const [progress, setProgress] = useState('');
  // While a preview is being read: how far the host has got, and whether Cancel has been asked for.
  const [reading, setReading] = useState(false);
  const [readingBar, setReadingBar] = useState<ImportProgressView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const cancelRequested = useRef(false);
  const readingRef = useRef(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pathsOpen, setPathsOpen] = useState(false);
  const [pathsText, setPathsText] = useState('');
  const [pathProblems, setPathProblems] = useState<PathListProblem[]>([]);
  const [history, setHistory] = useState<{ planKey: string; entries: ImportLogEntry[] } | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);

  const fileInputRef = useRef<HTMLInputElement>(null);
  const chooseButtonRef = useRef<HTMLButtonElement>(null);
  const pathsFieldRef = useRef<HTMLTextAreaElement>(null);
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<FocusTarget | null>(null);
  const previewIdRef = useRef<string | null>(null);

  // Moves focus once the element it is meant for has rendered.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const element = {
      preview: previewHeadingRef.current,
      result: resultHeadingRef.current,
      choose: chooseButtonRef.current,
      paths: pathsFieldRef.current,
    }[target];
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
      // A preview or result starts at the top of the view, its heading first.
      element.scrollIntoView({ block: target === 'preview' || target === 'result' ? 'start' : 'nearest' });
    }
  });

  useEffect(() => {
    previewIdRef.current = preview?.previewId ?? null;
  }, [preview]);

  // Leaving the view with a preview still pending discards it on the host, and stops one being read.
  useEffect(
    () => () => {
      const previewId = previewIdRef.current;
      if (previewId) api.discardImport({ previewId }).catch(() => undefined);
      if (readingRef.current) {
        cancelRequested.current = true;
        api.cancelImport({}).catch(() => undefined);
      }
    },
    [],
  );

  // Only while a preview is being read: asks the host how far it has got, one request at a time.
  useEffect(() => {
    if (!reading) return;
    let active = true;
    let inFlight = false;
    const poll = () => {
      if (inFlight) return;
      inFlight = true;
      api.getImportProgress({}).then(
        (report) => {
          inFlight = false;
          if (!active) return;
          // A Cancel pressed before the host had started reading is passed on once it has.
          if (cancelRequested.current) {
            if (report.running) api.cancelImport({}).catch(() => undefined);
            return;
          }
          const view = describeImportProgress(report);
          if (!view) return;
          setReadingBar(view);
          setProgress(view.text);
        },
        () => {
          inFlight = false;
        },
      );
    };
    const timer = window.setInterval(poll, progressPollMs);
    poll();
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [reading]);

  useEffect(() => {
    let cancelled = false;
    api.listImports({}).then(
      (entries) => {
        if (cancelled) return;
        setHistory({ planKey, entries });
        setHistoryError(null);
      },
      (error: unknown) => {
        if (!cancelled) setHistoryError(toShownError(error).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [planKey, historyVersion]);

  // A file dropped beside the drop zone must not replace the app with the file.
  useEffect(() => {
    function keepFiles(event: DragEvent) {
      if (hasFiles(event)) event.preventDefault();
    }
    window.addEventListener('dragover', keepFiles);
    window.addEventListener('drop', keepFiles);
    return () => {
      window.removeEventListener('dragover', keepFiles);
      window.removeEventListener('drop', keepFiles);
    };
  }, []);

  async function runPreview(fileCount: number, load: () => Promise<ImportFileRef[]>): Promise<boolean> {
    if (working) return false;
    setWorking(true);
    setNotice(null);
    setResultFor(null);
    setPreviewFor(null);
    setProgress(readingMessage(fileCount));
    setReadingBar(null);
    setCancelling(false);
    cancelRequested.current = false;
    readingRef.current = true;
    setReading(true);
    const made: { preview: ImportPreview | null; cancelled: boolean; refs: ImportFileRef[] } = {
      preview: null,
      cancelled: false,
      refs: [],
    };
    let ran = false;
    await perform(async () => {
      ran = true;
      const files = await load();
      made.refs = files;
      if (cancelRequested.current) {
        made.cancelled = true;
        return;
      }
      try {
        made.preview = await api.previewImport({ files });
      } catch (error) {
        // A cancelled preview is what the analyst asked for, not an error for the alert region.
        if (!isPlannerError(error, 'CANCELLED')) throw error;
        made.cancelled = true;
      }
    });
    readingRef.current = false;
    setReading(false);
    setReadingBar(null);
    setCancelling(false);
    setWorking(false);
    // Cancel pressed just as the preview finished: it is dropped all the same.
    if (made.preview && cancelRequested.current) {
      api.discardImport({ previewId: made.preview.previewId }).catch(() => undefined);
      made.preview = null;
      made.cancelled = true;
    }
    cancelRequested.current = false;
    setProgress(made.cancelled ? cancelledMessage : '');
    if (!ran) setNotice(busyNotice);
    if (made.cancelled) {
      pendingFocus.current = 'choose';
      return false;
    }
    if (!made.preview) return false;
    setPreviewFor({ planKey, preview: made.preview, refs: made.refs });
    pendingFocus.current = 'preview';
    return true;
  }

  function previewFiles(files: readonly File[]) {
    if (files.length === 0) return;
    void runPreview(files.length, () => refsForFiles(files));
  }

  function onFilesChosen(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    // Cleared so that choosing the same file again (after fixing it) is noticed.
    event.target.value = '';
    previewFiles(files);
  }

  function onDrop(event: ReactDragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (working) {
      setNotice(busyNotice);
      return;
    }
    previewFiles(Array.from(event.dataTransfer.files));
  }

  function onDragOver(event: ReactDragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = working ? 'none' : 'copy';
    if (!dragging) setDragging(true);
  }

  function onDragLeave(event: ReactDragEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    setDragging(false);
  }

  async function onPathsSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parsePathList(pathsText);
    setPathProblems(parsed.problems);
    if (parsed.problems.length > 0) {
      pathsFieldRef.current?.focus();
      return;
    }
    await runPreview(parsed.paths.length, () => Promise.resolve(parsed.paths.map((path) => ({ path }))));
  }

  function togglePaths() {
    const open = !pathsOpen;
    setPathsOpen(open);
    if (open) pendingFocus.current = 'paths';
  }

  async function commit() {
    if (!preview?.canCommit || working) return;
    const { previewId } = preview;
    setWorking(true);
    setNotice(null);
    setProgress(`Importing ${plural(preview.files.length, 'file')}…`);
    const outcome: { logged: ImportLogEntry[] | null; expired: boolean } = { logged: null, expired: false };
    let ran = false;
    await perform(async () => {
      ran = true;
      try {
        outcome.logged = (await api.commitImport({ previewId })).logged;
      } catch (error) {
        outcome.expired = isPlannerError(error, 'NOT_FOUND');
        throw error;
      }
    });
    setWorking(false);
    setProgress('');
    if (!ran) setNotice(busyNotice);
    if (outcome.expired) setPreviewFor(null);
    if (!outcome.logged) return;
    setPreviewFor(null);
    setResultFor({ planKey, logged: outcome.logged });
    setHistoryVersion((v) => v + 1);
    pendingFocus.current = 'result';
  }

  /** Previews the same files again with one file's layer or snapshot date chosen. */
  function choose(index: number, choice: FileChoice) {
    const held = previewFor?.refs;
    if (!held || working) return;
    const refs = held.map((ref, i) => (i === index ? { ...ref, ...choice } : ref));
    void runPreview(refs.length, () => Promise.resolve(refs));
  }

  /** Stops the preview being read. Called directly, not as a plan command, which the preview itself is. */
  function cancelReading() {
    if (!readingRef.current || cancelRequested.current) return;
    cancelRequested.current = true;
    setCancelling(true);
    setProgress('Cancelling the import…');
    // If the host has not started reading yet, the progress poll passes the cancel on once it has.
    api.cancelImport({}).catch(() => undefined);
  }

  function cancel() {
    if (!preview || working) return;
    const { previewId } = preview;
    setPreviewFor(null);
    setNotice(null);
    setProgress('Import cancelled. Nothing has been changed.');
    pendingFocus.current = 'choose';
    // Not run as a plan command: discarding changes nothing, so it must not hold up the next preview.
    // Should it fail, the host drops the preview anyway when the next one is made.
    api.discardImport({ previewId }).catch(() => undefined);
  }

  const status = preview ? summarisePreview(preview) : null;
  const pathsDescribedBy = [pathsHintId, pathProblems.length ? pathsErrorId : null].filter(Boolean).join(' ');

  return (
    <div className="import-view">
      <div className="view-header">
        <h1>Import</h1>
      </div>
      <p className="section-intro muted">
        Add this year’s published DfE, Ofsted and ONS files, or your own SSDA903 extract. Every file is checked first
        and you see what would change; nothing is added to the plan until you choose Import, and then all the files go
        in together or none do.
      </p>

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
          CSV, Excel (.xlsx), OpenDocument (.ods), JSON or an SSDA903 return in XML, as downloaded. Several files at
          once are checked and imported together.
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
            onClick={togglePaths}
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

      <form
        id={pathsFormId}
        className="path-import"
        hidden={!pathsOpen}
        onSubmit={(e) => void onPathsSubmit(e)}
        noValidate
      >
        <div className="field">
          <label htmlFor={pathsFieldId}>Full paths of the files, one per line</label>
          <p id={pathsHintId} className="field-hint">
            For example /home/you/Downloads/cla_number_and_rate_per_10k_children.csv. The file is read where it is, so
            this suits very large files and this browser window, which cannot see where a dropped file is.
          </p>
          {pathProblems.length > 0 && (
            <ul id={pathsErrorId} className="field-error path-problems">
              {pathProblems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
          <textarea
            ref={pathsFieldRef}
            id={pathsFieldId}
            className="text-input text-input-wide path-list"
            rows={3}
            wrap="off"
            value={pathsText}
            onChange={(e) => {
              setPathsText(e.target.value);
              setPathProblems([]);
            }}
            aria-describedby={pathsDescribedBy}
            aria-invalid={pathProblems.length ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            data-testid="import-paths"
          />
        </div>
        <button type="submit" className="button button-primary" disabled={working}>
          Preview
        </button>
      </form>

      <p id={statusId} className="import-progress" role="status" data-testid="import-progress">
        {progress}
      </p>
      {reading && (
        <div className="import-actions import-reading">
          {readingBar && (
            <progress
              className="import-progress-bar"
              value={readingBar.value}
              max={readingBar.max}
              aria-label="Files read so far"
              aria-describedby={statusId}
              data-testid="import-progress-bar"
            />
          )}
          <button
            type="button"
            className="button"
            onClick={cancelReading}
            disabled={cancelling}
            data-testid="import-cancel-reading"
          >
            Cancel
          </button>
        </div>
      )}
      {notice && (
        <p className="field-error" role="alert">
          {notice}
        </p>
      )}

      {logged && (
        <section className="import-result" aria-labelledby={resultHeadingId} data-testid="import-result">
          <h2 id={resultHeadingId} ref={resultHeadingRef} tabIndex={-1}>
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
      )}

      {preview && status && (
        <section className="import-preview" aria-labelledby={previewHeadingId} data-testid="import-preview">
          <h2
            id={previewHeadingId}
            ref={previewHeadingRef}
            tabIndex={-1}
            aria-describedby={`${previewHeadingId}-status`}
          >
            What importing {preview.files.length === 1 ? 'this file' : `these ${preview.files.length} files`} would
            change
          </h2>
          <div className={`import-status import-status-${status.tone}`}>
            <p id={`${previewHeadingId}-status`} className="import-status-text" data-testid="import-status">
              {status.text}
            </p>
            <div className="import-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => void commit()}
                disabled={!preview.canCommit || status.tone === 'nothing' || working}
                data-testid="import-commit"
              >
                Import
              </button>
              <button type="button" className="button" onClick={cancel} disabled={working} data-testid="import-cancel">
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
                  onChoose={(choice) => choose(i, choice)}
                  disabled={working}
                />
              </li>
            ))}
          </ol>
        </section>
      )}

      <ImportHistory entries={history?.planKey === planKey ? history.entries : null} loadError={historyError} />
    </div>
  );
}
