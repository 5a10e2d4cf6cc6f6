import { useId } from 'react';
import { Modal } from '../Modal';

export type DiscardAction = 'new' | 'open' | 'close';

const consequences: Record<DiscardAction, { text: string; confirm: string }> = {
  new: { text: 'Starting a new plan will discard them.', confirm: 'Discard changes and start a new plan' },
  open: { text: 'Opening another plan will discard them.', confirm: 'Discard changes and open another plan' },
  close: { text: 'Closing the plan will discard them.', confirm: 'Discard changes and close' },
};

export interface ConfirmDiscardDialogProps {
  planName: string;
  action: DiscardAction;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before unsaved changes are thrown away. Cancel is the default, so Enter or Escape keep the work. */
export function ConfirmDiscardDialog({ planName, action, onConfirm, onCancel }: ConfirmDiscardDialogProps) {
  const descriptionId = useId();
  const { text, confirm } = consequences[action];
  return (
    <Modal
      title="Discard unsaved changes?"
      onCancel={onCancel}
      describedBy={descriptionId}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {confirm}
          </button>
        </>
      }
    >
      <p id={descriptionId}>
        “{planName}” has changes that have not been saved. {text}
      </p>
    </Modal>
  );
}
