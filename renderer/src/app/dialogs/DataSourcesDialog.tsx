import type { Source } from '#shared/model/dataset.js';
import { Modal } from '../Modal';
import { SourceDetails } from '../SourceDetails';

export interface DataSourcesDialogProps {
  /** Null when no plan is open. */
  sources: Source[] | null;
  onClose(): void;
}

export function DataSourcesDialog({ sources, onClose }: DataSourcesDialogProps) {
  return (
    <Modal
      title="Data sources"
      onCancel={onClose}
      wide
      scrollingBody
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      {sources === null ? (
        <p>Open a plan to see the sources of its figures.</p>
      ) : sources.length === 0 ? (
        <p>This plan does not hold any data yet, so it lists no sources.</p>
      ) : (
        <>
          <p>
            Every figure in this plan comes from one of these{' '}
            {sources.length === 1 ? 'source' : `${sources.length} sources`}. Addresses are given for reference; the
            planner does not open them.
          </p>
          <ul className="source-list">
            {sources.map((source) => (
              <li key={source.id}>
                <SourceDetails source={source} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
