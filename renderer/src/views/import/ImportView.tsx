/**
 * The Import view: previews the files chosen, dropped or given by path, then imports them all in one
 * go or cancels, keeping focus and the status line where a keyboard or screen-reader user expects
 * them. Its parts: the drop zone (DropZone), the form to import by path (PathImportForm), the status
 * line and reading bar (ReadingStatus), the last import's result (ImportResult), the preview
 * (ImportPreviewPanel) and the history (ImportHistory); files become import references in dropFiles.ts.
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type DragEvent as ReactDragEvent,
  type FormEvent,
} from 'react';
import type { ImportFileRef, ImportLogEntry, ImportPreview } from '#shared/api/contract.js';
import { api, isPlannerError } from '../../api';
import { usePlan } from '../../app/PlanContext';
import type { FileChoice } from './FilePreviewCard';
import { ImportHistory } from './ImportHistory';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportResult } from './ImportResult';
import { DropZone } from './DropZone';
import { PathImportForm } from './PathImportForm';
import { ReadingStatus } from './ReadingStatus';
import { hasFiles, refsForFiles, useKeepDroppedFiles } from './dropFiles';
import {
  parsePathList,
  plural,
  readingMessage,
  summarisePreview,
  type ImportProgressView,
  type PathListProblem,
} from './importModel';
import { useImportHistory } from './useImportHistory';
import { useReadingProgress } from './useReadingProgress';

type FocusTarget = 'preview' | 'result' | 'choose' | 'paths';

const busyNotice = 'Another action is still running. Try again in a moment.';
const cancelledMessage = 'Import cancelled. Nothing was changed.';

/**
 * Import: the analyst drops this year's DfE, Ofsted, ONS or SSDA903 files (or gives their paths),
 * sees per file what would be added or replaced and every problem, then imports them all in one
 * go, or cancels. Nothing changes until Import; an import with any error cannot be committed.
 */
export function ImportView() {
  const { plan, perform } = usePlan();
  const planKey = `${plan.untitled ? 'untitled' : (plan.path ?? '')}`;
  const pathsFormId = useId();

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
  useReadingProgress(reading, cancelRequested, setReadingBar, setProgress);

  const history = useImportHistory(planKey);

  // A file dropped beside the drop zone must not replace the app with the file.
  useKeepDroppedFiles();

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
    history.reload();
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

      <DropZone
        dragging={dragging}
        working={working}
        pathsOpen={pathsOpen}
        pathsFormId={pathsFormId}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        onTogglePaths={togglePaths}
        onFilesChosen={onFilesChosen}
        chooseButtonRef={chooseButtonRef}
        fileInputRef={fileInputRef}
      />

      <PathImportForm
        id={pathsFormId}
        open={pathsOpen}
        working={working}
        text={pathsText}
        problems={pathProblems}
        onTextChange={(text) => {
          setPathsText(text);
          setPathProblems([]);
        }}
        onSubmit={(e) => void onPathsSubmit(e)}
        fieldRef={pathsFieldRef}
      />

      <ReadingStatus
        progress={progress}
        reading={reading}
        readingBar={readingBar}
        cancelling={cancelling}
        onCancel={cancelReading}
      />
      {notice && (
        <p className="field-error" role="alert">
          {notice}
        </p>
      )}

      {logged && <ImportResult logged={logged} headingRef={resultHeadingRef} />}

      {preview && status && (
        <ImportPreviewPanel
          preview={preview}
          status={status}
          working={working}
          headingRef={previewHeadingRef}
          onCommit={() => void commit()}
          onCancel={cancel}
          onChoose={choose}
        />
      )}

      <ImportHistory entries={history.entries} loadError={history.loadError} />
    </div>
  );
}
