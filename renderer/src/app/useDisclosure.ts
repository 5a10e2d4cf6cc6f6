import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * A disclosure menu's behaviour: a button toggles a panel; Escape closes it with focus back on the
 * button (so a dialog opened from it returns focus there); a click or focus outside closes it.
 */
export function useDisclosure() {
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!expanded) return;
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) {
        setExpanded(false);
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [expanded]);

  function close() {
    buttonRef.current?.focus();
    setExpanded(false);
  }

  const rootProps = {
    ref: rootRef,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Escape' && expanded) {
        event.preventDefault();
        close();
      }
    },
    onBlur: (event: FocusEvent) => {
      if (!rootRef.current?.contains(event.relatedTarget as Node | null)) setExpanded(false);
    },
  };
  const buttonProps = {
    ref: buttonRef,
    'aria-expanded': expanded,
    'aria-controls': panelId,
    onClick: () => setExpanded((v) => !v),
  };
  return { expanded, panelId, close, rootProps, buttonProps };
}
