import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusablesIn(node: HTMLElement): HTMLElement[] {
  return Array.from(node.querySelectorAll<HTMLElement>(focusableSelector)).filter((el) => !el.closest('[hidden]'));
}

export interface ModalProps {
  title: string;
  /** Called on Escape; the dialog's own buttons call their handlers directly. */
  onCancel(): void;
  children: ReactNode;
  /** Buttons kept in view below the (scrollable) body. */
  actions?: ReactNode;
  /** Wider layout for lists such as the data sources. */
  wide?: boolean;
  /** Wider still, for two panes side by side (the New plan dialog). */
  extraWide?: boolean;
  /**
   * Takes the full height available and lays the body out as a column, so a list inside can scroll
   * on its own (marked up as a focusable region) while the fields above it stay in view.
   */
  fill?: boolean;
  /** Set when the dialog has a description element with this id. */
  describedBy?: string;
  /**
   * The body is long enough to scroll (a list of sources): it becomes a tab stop, named after the
   * dialog, so the keyboard can reach it and scroll it with the arrow keys.
   */
  scrollingBody?: boolean;
}

/**
 * An accessible modal dialog: role="dialog" with aria-modal, labelled by its heading; focus moves
 * into it (to the element marked data-autofocus, else the first control), Tab is trapped inside,
 * Escape cancels, and focus returns to where it was when the dialog closes. The rest of the app is
 * made inert by the shell while any modal is open.
 */
export function Modal({
  title,
  onCancel,
  children,
  actions,
  wide = false,
  extraWide = false,
  fill = false,
  describedBy,
  scrollingBody = false,
}: ModalProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = dialogRef.current;
    if (node) {
      const target = node.querySelector<HTMLElement>('[data-autofocus]') ?? focusablesIn(node)[0] ?? node;
      target.focus();
    }
    return () => {
      // The shell stops being inert in the same commit, so the previous control can take focus again.
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const items = focusablesIn(dialogRef.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialogRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={['modal', wide && 'modal-wide', extraWide && 'modal-extra-wide', fill && 'modal-fill']
          .filter(Boolean)
          .join(' ')}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <div
          className="modal-body"
          {...(scrollingBody ? { tabIndex: 0, role: 'region', 'aria-labelledby': titleId } : {})}
        >
          {children}
        </div>
        {actions && <div className="modal-actions">{actions}</div>}
      </div>
    </div>
  );
}
