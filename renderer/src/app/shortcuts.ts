import type { MenuCommand } from '#shared/api/contract.js';

export type FileCommand = Extract<MenuCommand['command'], 'new' | 'open' | 'save' | 'saveAs' | 'close'>;

export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Maps Ctrl/Cmd+N, O, S, Shift+S and W to the file commands (browser mode; Electron's menu has its own
 * accelerators). Ctrl/Cmd+Shift+W and F11 are taken by workshop mode (workshop/workshopModel.ts).
 */
export function shortcutCommand(event: ShortcutKey): FileCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  switch (event.key.toLowerCase()) {
    case 'n':
      return event.shiftKey ? null : 'new';
    case 'o':
      return event.shiftKey ? null : 'open';
    case 's':
      return event.shiftKey ? 'saveAs' : 'save';
    case 'w':
      return event.shiftKey ? null : 'close';
    default:
      return null;
  }
}

const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** How a shortcut is written for this platform, e.g. "Ctrl+Shift+S" or "⇧⌘S". */
export function shortcutLabel(command: FileCommand): string {
  const letter = { new: 'N', open: 'O', save: 'S', saveAs: 'S', close: 'W' }[command];
  const shift = command === 'saveAs';
  if (isApple) return `${shift ? '⇧' : ''}⌘${letter}`;
  return `Ctrl+${shift ? 'Shift+' : ''}${letter}`;
}

/** The aria-keyshortcuts form, e.g. "Control+Shift+S". */
export function ariaShortcut(command: FileCommand): string {
  const letter = { new: 'N', open: 'O', save: 'S', saveAs: 'S', close: 'W' }[command];
  return `${isApple ? 'Meta' : 'Control'}+${command === 'saveAs' ? 'Shift+' : ''}${letter}`;
}
