/**
 * While a preview is being read: asks the host how far it has got, one request at a time, and shows
 * it (the progress bar and the status words); a Cancel pressed before the host had started reading
 * is passed on once it has.
 */
import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { api } from '../../api';
import { describeImportProgress, type ImportProgressView } from './importModel';

/** How often the host is asked how far a running preview has got. */
const progressPollMs = 250;

export function useReadingProgress(
  reading: boolean,
  cancelRequested: RefObject<boolean>,
  setReadingBar: Dispatch<SetStateAction<ImportProgressView | null>>,
  setProgress: Dispatch<SetStateAction<string>>,
): void {
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
  }, [reading, cancelRequested, setReadingBar, setProgress]);
}
