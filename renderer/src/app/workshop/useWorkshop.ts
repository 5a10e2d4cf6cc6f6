import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  isWorkshopShortcut,
  keepsArrowKeys,
  keyToStep,
  loadChosenLevers,
  saveChosenLevers,
  stepView,
  type KeyTarget,
  untitledPlanKey,
  type StorageLike,
} from './workshopModel';

/** The id of the title bar's Workshop button, where focus returns when the mode ends. */
export const workshopToggleId = 'workshop-toggle';

export interface WorkshopOptions {
  /** True while a plan is open and its views can be shown. */
  available: boolean;
  /** The views' ids in navigation order. */
  viewIds: readonly string[];
  currentViewId: string;
  onNavigate(id: string): void;
  /** True while one of the shell's own modal dialogs is open (keys then belong to it). */
  otherModalOpen: boolean;
  /** The open plan's path (null when it has never been saved): levers are remembered per plan. */
  planPath: string | null;
}

export interface Workshop {
  active: boolean;
  enter(): void;
  exit(): void;
  toggle(): void;
  /** Whether the lever panel is shown beside the view (it is, until hidden from the Levers menu). */
  panelShown: boolean;
  setPanelShown(shown: boolean): void;
  chooserOpen: boolean;
  openChooser(): void;
  closeChooser(): void;
  /** The plan keys of the chosen levers. */
  chosen: readonly string[];
  choose(keys: readonly string[]): void;
}

const arrowWidgets =
  '[role="grid"], [role="treegrid"], [role="listbox"], [role="menu"], [role="menubar"], [role="tablist"], [role="radiogroup"], [role="slider"], [role="spinbutton"], [role="tree"], [role="combobox"]';

function keyTarget(target: EventTarget | null): KeyTarget | null {
  if (!(target instanceof HTMLElement)) return null;
  return {
    tagName: target.tagName,
    type: target instanceof HTMLInputElement ? target.type : null,
    isContentEditable: target.isContentEditable,
    // A focused box that scrolls sideways (a wide table) takes the arrows to scroll itself.
    inArrowWidget:
      target.closest(arrowWidgets) !== null ||
      (target.getAttribute('role') === 'region' && target.tabIndex >= 0 && target.scrollWidth > target.clientWidth),
  };
}

function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Workshop mode: full screen with large type, the views' edit controls hidden except the chosen
 * levers, keyboard navigation between views. Full screen is asked for but not required: where it
 * is refused (the desktop app's permission policy, or a browser setting) the mode still starts.
 * Leaving full screen (Esc in the browser) ends the mode, as does Esc or the shortcut.
 */
export function useWorkshop({
  available,
  viewIds,
  currentViewId,
  onNavigate,
  otherModalOpen,
  planPath,
}: WorkshopOptions): Workshop {
  const [requested, setRequested] = useState(false);
  const [panelShown, setPanelShown] = useState(true);
  const [chooserOpen, setChooserOpen] = useState(false);
  // Choices made while the app runs, so a choice lasts even where storage refuses it.
  const [chosenByPlan, setChosenByPlan] = useState<Readonly<Record<string, readonly string[]>>>({});
  const fullscreenOwned = useRef(false);
  const active = requested && available;
  // Closing the plan ends the mode, so the next plan opens in the normal screen.
  if (requested && !available) setRequested(false);

  const enter = useCallback(() => {
    setRequested(true);
    const root = document.documentElement;
    if (document.fullscreenElement || typeof root.requestFullscreen !== 'function') return;
    // Must be asked for within the click or key press; a refusal is fine.
    root.requestFullscreen().then(
      () => {
        fullscreenOwned.current = true;
      },
      () => {
        fullscreenOwned.current = false;
      },
    );
  }, []);

  const exit = useCallback(() => {
    setRequested(false);
    setChooserOpen(false);
  }, []);

  const toggle = useCallback(() => {
    if (active) exit();
    else enter();
  }, [active, enter, exit]);

  // The root class scales the type (rem units follow html's font size) and switches the layout.
  const wasActive = useRef(false);
  useEffect(() => {
    document.documentElement.classList.toggle('workshop', active);
    if (active && !wasActive.current) {
      document.getElementById('main')?.focus();
    } else if (!active && wasActive.current) {
      if (fullscreenOwned.current && document.fullscreenElement) {
        document.exitFullscreen().catch(() => undefined);
      }
      fullscreenOwned.current = false;
      document.getElementById(workshopToggleId)?.focus();
    }
    wasActive.current = active;
  }, [active]);

  useEffect(() => () => document.documentElement.classList.remove('workshop'), []);

  // Leaving full screen some other way (the browser's Esc, F11 or its own button) ends the mode.
  useEffect(() => {
    function onFullscreenChange() {
      if (!document.fullscreenElement && fullscreenOwned.current) {
        fullscreenOwned.current = false;
        setRequested(false);
        setChooserOpen(false);
      }
    }
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => document.removeEventListener('fullscreenchange', onFullscreenChange);
  }, []);

  const blocked = otherModalOpen || chooserOpen;

  // The shortcut works whenever a plan is open and no dialog is.
  useEffect(() => {
    if (!available || blocked) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat || !isWorkshopShortcut(event)) return;
      event.preventDefault();
      toggle();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [available, blocked, toggle]);

  // In the mode: Esc leaves it; arrows, Page Up/Down and Home/End move between views.
  useEffect(() => {
    if (!active || blocked) return;
    function onKeyDown(event: KeyboardEvent) {
      // Widgets that handle a key themselves (a menu closing on Esc, a grid's arrows) mark it handled.
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        exit();
        return;
      }
      const step = keyToStep(event.key);
      if (!step || event.shiftKey || keepsArrowKeys(keyTarget(event.target))) return;
      event.preventDefault();
      const next = stepView(viewIds, currentViewId, step);
      if (next) onNavigate(next);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active, blocked, exit, viewIds, currentViewId, onNavigate]);

  const planKey = planPath ?? untitledPlanKey;
  const chosen = useMemo(
    () => chosenByPlan[planKey] ?? loadChosenLevers(browserStorage(), planPath),
    [chosenByPlan, planKey, planPath],
  );

  const choose = useCallback(
    (keys: readonly string[]) => {
      saveChosenLevers(browserStorage(), planPath, keys);
      setChosenByPlan((prev) => ({ ...prev, [planKey]: [...keys] }));
    },
    [planKey, planPath],
  );

  const openChooser = useCallback(() => setChooserOpen(true), []);
  const closeChooser = useCallback(() => setChooserOpen(false), []);

  return {
    active,
    enter,
    exit,
    toggle,
    panelShown,
    setPanelShown,
    chooserOpen: chooserOpen && active,
    openChooser,
    closeChooser,
    chosen,
    choose,
  };
}
