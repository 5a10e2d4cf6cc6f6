import { useId } from 'react';
import { Modal } from '../Modal';

export type ChangedOnDiskChoice = 'reload' | 'saveAs' | 'cancel';

export interface ChangedOnDiskDialogProps {
  planName: string;
  message: string;
  onChoose(choice: ChangedOnDiskChoice): void;
}

/**
 * Shown when Save finds the plan file changed on disk since it was opened (another program saved
 * it): the app never overwrites the newer file silently. Reload discards this window's changes and
 * opens the file as it is now; Save as keeps them in another file.
 */
export function ChangedOnDiskDialog({ planName, message, onChoose }: ChangedOnDiskDialogProps) {
  const descriptionId = useId();
  return (
    <Modal
      title={`“${planName}” changed on disk`}
      onCancel={() => onChoose('cancel')}
      describedBy={descriptionId}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={() => onChoose('saveAs')} data-autofocus>
            Save as…
          </button>
          <button type="button" className="button button-danger" onClick={() => onChoose('reload')}>
            Reload and discard my changes
          </button>
          <button type="button" className="button" onClick={() => onChoose('cancel')}>
            Cancel
          </button>
        </>
      }
    >
      <p id={descriptionId}>{message}</p>
    </Modal>
  );
}
