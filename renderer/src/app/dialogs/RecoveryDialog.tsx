import { useId } from 'react';
import type { RecoverablePlan } from '#shared/api/contract.js';
import { formatTimestamp } from '../../format/dates';
import { Modal } from '../Modal';

export interface RecoveryDialogProps {
  plans: RecoverablePlan[];
  onRecover(id: string): void;
  onDiscard(id: string): void;
  onLater(): void;
}

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Offered at start when an earlier run ended without saving (a crash, a kill, a power cut): each
 * piece of unsaved work can be recovered (it opens as an unsaved plan) or discarded (deleted from
 * the app's working folder). "Decide later" keeps it for the next start.
 */
export function RecoveryDialog({ plans, onRecover, onDiscard, onLater }: RecoveryDialogProps) {
  const descriptionId = useId();
  return (
    <Modal
      title="Recover unsaved work?"
      onCancel={onLater}
      describedBy={descriptionId}
      wide
      actions={
        <button type="button" className="button" onClick={onLater}>
          Decide later
        </button>
      }
    >
      <p id={descriptionId}>
        Sufficiency Planner ended without saving {plans.length === 1 ? 'this plan' : 'these plans'}. Recover opens the
        work as it was last saved automatically; discard deletes it for good.
      </p>
      <ul className="recovery-list" data-testid="recovery-list">
        {plans.map((p, i) => (
          <li key={p.id}>
            <span>
              <strong>{p.planName}</strong> ({p.consortiumName})
              <br />
              <span className="muted">
                {p.planPath ?? 'never saved'} ·{' '}
                {p.autosavedAt
                  ? `saved automatically ${formatTimestamp(p.autosavedAt)}`
                  : `opened ${formatTimestamp(p.openedAt)}`}{' '}
                · {size(p.bytes)}
              </span>
            </span>
            <span className="recovery-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => onRecover(p.id)}
                {...(i === 0 ? { 'data-autofocus': true } : {})}
              >
                Recover
              </button>
              <button type="button" className="button button-danger" onClick={() => onDiscard(p.id)}>
                Discard
              </button>
            </span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
