import { describe, expect, it } from 'vitest';
import { matchShortcut, type Shortcut } from '../../renderer/shell/shortcuts.js';

const shortcuts: Shortcut[] = [
  { key: 'n', mod: true, run: () => undefined },
  { key: 'f', mod: true, run: () => undefined },
  { key: '/', run: () => undefined },
];

function press(key: string, opts: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean; target?: EventTarget | null } = {}) {
  return matchShortcut(
    { key, ctrlKey: Boolean(opts.ctrl), metaKey: Boolean(opts.meta), altKey: Boolean(opts.alt), shiftKey: Boolean(opts.shift), target: opts.target ?? document.body },
    shortcuts,
  )?.key;
}

describe('keyboard shortcuts', () => {
  it('match Ctrl (or ⌘) with a letter in either case', () => {
    expect(press('n', { ctrl: true })).toBe('n');
    expect(press('N', { meta: true })).toBe('n');
    expect(press('f', { ctrl: true, target: document.createElement('input') })).toBe('f');
    expect(press('n')).toBeUndefined();
    expect(press('n', { ctrl: true, shift: true })).toBeUndefined();
    expect(press('n', { ctrl: true, alt: true })).toBeUndefined();
  });

  it('leave plain keys to the text field being typed in', () => {
    expect(press('/')).toBe('/');
    expect(press('/', { shift: true })).toBe('/');
    expect(press('/', { target: document.createElement('input') })).toBeUndefined();
    expect(press('/', { target: document.createElement('textarea') })).toBeUndefined();
  });
});
