import { describe, expect, it } from 'vitest';
import type { ScanCapabilities } from '../../../core/contract/index.js';
import { defaultSettings, fitSettings, loadSettings, resolutionChoices, saveSettings } from '../../../renderer/features/scanning/deviceSettings.js';
import { pagesPerMinute } from '../../../renderer/features/scanning/scanRate.js';

const testDevice: ScanCapabilities = { sources: ['flatbed', 'adf'], modes: ['color', 'gray', 'lineart'], resolutions: { min: 1, max: 1200, step: 1 }, maxArea: null };
const flatbedOnly: ScanCapabilities = { sources: ['flatbed'], modes: ['color'], resolutions: { list: [300, 75, 150] }, maxArea: null };

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) } as Storage;
}

describe('scan settings per device', () => {
  it('offers the usual resolutions within a range, or the device’s own list', () => {
    expect(resolutionChoices(testDevice)).toEqual([75, 100, 150, 200, 300, 400, 600]);
    expect(resolutionChoices(flatbedOnly)).toEqual([75, 150, 300]);
    expect(resolutionChoices(null)).toEqual([]);
  });

  it('starts a court stack on the feeder in gray at 300 dpi, falling back to what the device has', () => {
    expect(defaultSettings(testDevice)).toEqual({ source: 'adf', mode: 'gray', resolution: 300, orientation: true });
    expect(defaultSettings(flatbedOnly)).toEqual({ source: 'flatbed', mode: 'color', resolution: 300, orientation: true });
  });

  it('remembers each device’s choice, dropping what the device no longer offers', () => {
    const storage = memoryStorage();
    saveSettings('test:0', { source: 'flatbed', mode: 'lineart', resolution: 150, orientation: false }, storage);
    expect(loadSettings('test:0', testDevice, storage)).toEqual({ source: 'flatbed', mode: 'lineart', resolution: 150, orientation: false });
    expect(loadSettings('other:0', testDevice, storage)).toEqual(defaultSettings(testDevice));
    expect(fitSettings({ source: 'adf', mode: 'gray', resolution: 600 }, flatbedOnly)).toEqual(defaultSettings(flatbedOnly));
  });
});

describe('pages per minute', () => {
  it('counts from the first page to the latest', () => {
    expect(pagesPerMinute([])).toBeNull();
    expect(pagesPerMinute([1000])).toBeNull();
    expect(pagesPerMinute([0, 2000, 4000, 6000])).toBe(30);
  });
});

describe('the start-scanning shortcut', () => {
  it('F9 works even while the case search field has focus; Ctrl+Enter too', async () => {
    const { matchShortcut } = await import('../../../renderer/shell/shortcuts.js');
    const input = document.createElement('input');
    const shortcuts = [{ key: 'F9', run: () => undefined }, { key: 'Enter', mod: true, run: () => undefined }, { key: '/', run: () => undefined }];
    const press = (key: string, ctrlKey = false) => matchShortcut({ key, ctrlKey, metaKey: false, altKey: false, shiftKey: false, target: input }, shortcuts)?.key;
    expect(press('F9')).toBe('F9');
    expect(press('Enter', true)).toBe('Enter');
    expect(press('/')).toBeUndefined();
  });
});
