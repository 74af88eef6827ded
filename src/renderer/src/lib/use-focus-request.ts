// Focuses an element when the UI store asks for its target (menu commands, shortcuts, after saving).
import { useEffect, type RefObject } from 'react';
import { useUiStore, type FocusTarget } from '../stores/ui-store';

/** Focuses `ref` each time focus is requested for `target`. */
export function useFocusRequest(target: FocusTarget, ref: RefObject<HTMLElement | null>): void {
  const focus = useUiStore((s) => s.focus);
  useEffect(() => {
    if (focus.target !== target || focus.seq === 0) return;
    const el = ref.current;
    el?.focus();
    // Like a browser's find box: focusing the search selects what is there, so typing replaces it.
    if (el instanceof HTMLInputElement && target === 'search') el.select();
  }, [focus, target, ref]);
}

/** "⌘" on macOS, "Ctrl" elsewhere. */
export function modKey(): string {
  return window.api?.platform === 'mac' ? '⌘' : 'Ctrl';
}

/** True for the platform's command modifier (Cmd on macOS, Ctrl elsewhere). */
export function isMod(event: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return window.api?.platform === 'mac' ? event.metaKey : event.ctrlKey;
}
