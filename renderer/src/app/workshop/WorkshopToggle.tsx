import { workshopToggleId } from './useWorkshop';
import { workshopShortcutLabel } from './workshopModel';
// All of workshop mode's styles; imported here because the toggle is on screen whenever a plan is open.
import './workshop.css';

const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export interface WorkshopToggleProps {
  mode: 'electron' | 'browser';
  active: boolean;
  onToggle(): void;
}

/** The title bar's "Workshop" button: full-screen presentation for a meeting around one screen. */
export function WorkshopToggle({ mode, active, onToggle }: WorkshopToggleProps) {
  const shortcut = workshopShortcutLabel(mode, isApple);
  return (
    <button
      id={workshopToggleId}
      type="button"
      className="workshop-toggle"
      data-testid="workshop-toggle"
      data-edit-control
      aria-pressed={active}
      aria-keyshortcuts={shortcut.aria}
      title={`Workshop mode: full screen, large type and chosen levers only (${shortcut.label})`}
      onClick={onToggle}
    >
      Workshop
    </button>
  );
}
