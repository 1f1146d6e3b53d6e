import { describe, expect, it } from 'vitest';
import { matchMode, matchSource, offeredModes, offeredSources } from '../../../core/scanning/port/matchOption.js';

describe('matching our names to a backend’s option values', () => {
  it('never takes the duplex feeder or its back side for “adf”', () => {
    expect(matchSource('adf', ['Flatbed', 'ADF Duplex', 'ADF Front', 'ADF Back'])).toBe('ADF Front');
    expect(matchSource('adf', ['ADF Duplex', 'Automatic Document Feeder'])).toBe('Automatic Document Feeder');
    expect(matchSource('adf', ['Flatbed', 'ADF Duplex'])).toBeUndefined();
    expect(matchSource('adf-duplex', ['ADF Front', 'ADF Duplex'])).toBe('ADF Duplex');
    expect(matchSource('flatbed', ['Automatic Document Feeder', 'Flatbed'])).toBe('Flatbed');
  });

  it('tells lineart from gray and colour', () => {
    expect(matchMode('lineart', ['Color', 'Gray', 'Lineart'])).toBe('Lineart');
    expect(matchMode('lineart', ['Color', 'Gray', 'Halftone'])).toBeUndefined();
    expect(matchMode('gray', ['Color', 'True Gray', 'Lineart'])).toBe('True Gray');
    expect(matchMode('color', ['24bit Color', 'Black & White'])).toBe('24bit Color');
    expect(matchMode('lineart', ['24bit Color', 'Black & White'])).toBe('Black & White');
  });

  it('offers lineart when a gray mode can be set to one bit', () => {
    expect(offeredModes(['Gray', 'Color'], [1, 8, 16])).toEqual(['color', 'gray', 'lineart']);
    expect(offeredModes(['Gray', 'Color'], [8, 16])).toEqual(['color', 'gray']);
    expect(offeredSources(['Flatbed', 'ADF Front', 'ADF Duplex'])).toEqual({ flatbed: 'Flatbed', adf: 'ADF Front', 'adf-duplex': 'ADF Duplex' });
  });
});
