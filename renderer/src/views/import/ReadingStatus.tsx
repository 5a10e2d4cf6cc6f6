/**
 * The Import view's status line (reading, importing, cancelled), and while a preview is being read
 * the bar of files read so far with the button that cancels the reading.
 */
import { useId } from 'react';
import type { ImportProgressView } from './importModel';

export function ReadingStatus({
  progress,
  reading,
  readingBar,
  cancelling,
  onCancel,
}: {
  progress: string;
  reading: boolean;
  readingBar: ImportProgressView | null;
  cancelling: boolean;
  onCancel(): void;
}) {
  const statusId = useId();
  return (
    <>
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
            onClick={onCancel}
            disabled={cancelling}
            data-testid="import-cancel-reading"
          >
            Cancel
          </button>
        </div>
      )}
    </>
  );
}
