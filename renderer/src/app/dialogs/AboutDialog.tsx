import type { AppInfo } from '#shared/api/contract.js';
import { Modal } from '../Modal';

export interface AboutDialogProps {
  appInfo: AppInfo | null;
  onClose(): void;
}

const modeLabels: Record<AppInfo['mode'], string> = {
  electron: 'Desktop app',
  browser: 'Browser (served from this computer)',
};

export function AboutDialog({ appInfo, onClose }: AboutDialogProps) {
  return (
    <Modal
      title={`About ${appInfo?.appName ?? 'Sufficiency Planner'}`}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      <p>Plans children’s homes places across a consortium of English local authorities.</p>
      {appInfo ? (
        <dl className="facts">
          <dt>Application</dt>
          <dd>{appInfo.appName}</dd>
          <dt>Version</dt>
          <dd>{appInfo.version}</dd>
          <dt>Running as</dt>
          <dd>{modeLabels[appInfo.mode]}</dd>
          <dt>Plan file schema version</dt>
          <dd>{appInfo.schemaVersion}</dd>
        </dl>
      ) : (
        <p>Version details are not available because the app could not reach its host.</p>
      )}
      <p className="muted">All data stays on this computer: the planner makes no network requests.</p>
    </Modal>
  );
}
