import { useDisclosure } from './useDisclosure';
import type { MenuCommand, RecentPlan } from '#shared/api/contract.js';
import { exportCopy } from './exportFiles';
import { RecentPlans } from './RecentPlans';
import { ariaShortcut, shortcutLabel, type FileCommand } from './shortcuts';

export interface FileToolbarProps {
  planOpen: boolean;
  busy: boolean;
  recent: RecentPlan[];
  onCommand(command: MenuCommand): void;
}

/** Browser mode's stand-in for the native File and Help menus. */
export function FileToolbar({ planOpen, busy, recent, onCommand }: FileToolbarProps) {
  const fileButton = (command: FileCommand, label: string, needsPlan: boolean) => (
    <button
      type="button"
      className="toolbar-button"
      disabled={busy || (needsPlan && !planOpen)}
      onClick={() => onCommand({ command })}
      aria-keyshortcuts={ariaShortcut(command)}
      title={`${label.replace('…', '')} (${shortcutLabel(command)})`}
    >
      {label}
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label="File" data-edit-control>
      <div className="toolbar-group">
        {fileButton('new', 'New…', false)}
        {fileButton('open', 'Open…', false)}
        <RecentMenu recent={recent} disabled={busy} onOpen={(path) => onCommand({ command: 'openRecent', path })} />
        {fileButton('save', 'Save', true)}
        {fileButton('saveAs', 'Save as…', true)}
        {fileButton('close', 'Close', true)}
        <ExportMenu disabled={busy || !planOpen} onExport={(format) => onCommand({ command: 'export', format })} />
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="toolbar-button"
          disabled={busy || !planOpen}
          onClick={() => onCommand({ command: 'dataSources' })}
        >
          Data sources
        </button>
        <button
          type="button"
          className="toolbar-button"
          disabled={busy}
          onClick={() => onCommand({ command: 'about' })}
        >
          About
        </button>
      </div>
    </div>
  );
}

interface RecentMenuProps {
  recent: RecentPlan[];
  disabled: boolean;
  onOpen(path: string): void;
}

/** "Open recent": a disclosure listing recent plans; plans whose file has gone are shown but cannot be chosen. */
function RecentMenu({ recent, disabled, onOpen }: RecentMenuProps) {
  const { expanded, panelId, close, rootProps, buttonProps } = useDisclosure();

  return (
    <div className="recent-menu" {...rootProps}>
      <button {...buttonProps} type="button" className="toolbar-button" disabled={disabled}>
        Open recent <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="recent-panel" hidden={!expanded}>
        <RecentPlans
          recent={recent}
          disabled={false}
          emptyText="No recent plans yet."
          onOpen={(path) => {
            close();
            onOpen(path);
          }}
        />
      </div>
    </div>
  );
}

interface ExportMenuProps {
  disabled: boolean;
  onExport(format: 'pdf' | 'xlsx' | 'csv'): void;
}

/** "Export": the report as a PDF, the tables as an Excel workbook or as CSV files (File › Export in the desktop app). */
function ExportMenu({ disabled, onExport }: ExportMenuProps) {
  const { expanded, panelId, close, rootProps, buttonProps } = useDisclosure();

  return (
    <div className="recent-menu" {...rootProps}>
      <button {...buttonProps} type="button" className="toolbar-button" disabled={disabled} data-testid="export-menu">
        Export <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="recent-panel export-panel" hidden={!expanded}>
        <ul className="export-list">
          {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
            <li key={format}>
              <button
                type="button"
                className="button button-quiet"
                data-testid={`export-${format}`}
                onClick={() => {
                  close();
                  onExport(format);
                }}
              >
                {exportCopy[format].menu}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
