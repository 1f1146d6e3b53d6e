import { useEffect, useLayoutEffect, useRef } from 'react';

export interface Shortcut {
  /** KeyboardEvent.key, compared case-insensitively. */
  key: string;
  /** Ctrl, or ⌘ on macOS. */
  mod?: boolean;
  run: () => void;
}

/** F1–F12 type nothing, so they work even while a field has focus. */
const FUNCTION_KEY = /^F\d{1,2}$/;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The shortcut an event triggers. Plain keys (like '/') are ignored while typing in a field,
 * so they stay usable as text; modified keys work everywhere.
 */
export function matchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>, shortcuts: readonly Shortcut[]): Shortcut | undefined {
  const mod = event.ctrlKey || event.metaKey;
  // Shift is allowed for plain keys: on some layouts '/' needs it.
  if (event.altKey || (mod && event.shiftKey)) return undefined;
  return shortcuts.find(
    (s) => s.key.toLowerCase() === event.key.toLowerCase() && Boolean(s.mod) === mod && (s.mod || FUNCTION_KEY.test(s.key) || !typingIn(event.target)),
  );
}

export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  useLayoutEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const hit = matchShortcut(event, latest.current);
      if (!hit) return;
      event.preventDefault();
      hit.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
