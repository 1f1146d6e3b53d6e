import { describe, expect, it } from 'vitest';
import { matchMode, matchSource, offeredModes, offeredSources } from '../../../core/scanning/port/matchOption.js';

/**
 * Value lists as real SANE backends publish them (from their option constraints): our names must
 * land on the right one, and "adf" must never land on a duplex or back-side value.
 */
const backends = {
  fujitsu: { sources: ['Flatbed', 'ADF Front', 'ADF Back', 'ADF Duplex'], modes: ['Lineart', 'Halftone', 'Gray', 'Color'] },
  canon_dr: { sources: ['Flatbed', 'ADF Front', 'ADF Back', 'ADF Duplex', 'Card Front', 'Card Back', 'Card Duplex'], modes: ['Lineart', 'Halftone', 'Gray', 'Color'] },
  hpaio: { sources: ['Flatbed', 'ADF', 'Duplex'], modes: ['Lineart', 'Gray', 'Color'] },
  avision: { sources: ['Normal', 'ADF Front', 'ADF Back', 'ADF Duplex'], modes: ['Lineart', 'Dithered', 'Gray', 'Color'] },
  brother: {
    sources: ['FlatBed', 'Automatic Document Feeder(left aligned,Duplex)', 'Automatic Document Feeder(left aligned)', 'Automatic Document Feeder(centrally aligned)'],
    modes: ['Black & White', 'Gray[Error Diffusion]', 'True Gray', '24bit Color', '24bit Color[Fast]'],
  },
  test: { sources: ['Flatbed', 'Automatic Document Feeder'], modes: ['Gray', 'Color'] },
  genesys: { sources: ['Flatbed', 'Transparency Adapter'], modes: ['Color', 'Gray', 'Lineart'] },
};

describe('our source and mode names against real backends’ values', () => {
  it.each([
    ['fujitsu', { flatbed: 'Flatbed', adf: 'ADF Front', 'adf-duplex': 'ADF Duplex' }],
    ['canon_dr', { flatbed: 'Flatbed', adf: 'ADF Front', 'adf-duplex': 'ADF Duplex' }],
    ['hpaio', { flatbed: 'Flatbed', adf: 'ADF', 'adf-duplex': 'Duplex' }],
    ['avision', { flatbed: 'Normal', adf: 'ADF Front', 'adf-duplex': 'ADF Duplex' }],
    ['brother', { flatbed: 'FlatBed', adf: 'Automatic Document Feeder(left aligned)', 'adf-duplex': 'Automatic Document Feeder(left aligned,Duplex)' }],
    ['test', { flatbed: 'Flatbed', adf: 'Automatic Document Feeder' }],
    ['genesys', { flatbed: 'Flatbed' }],
  ] as const)('%s sources', (backend, expected) => {
    expect(offeredSources(backends[backend].sources)).toEqual(expected);
  });

  it('asking for the feeder never picks the duplex feeder, even when it is listed first', () => {
    expect(matchSource('adf', ['ADF Duplex', 'ADF Front'])).toBe('ADF Front');
    expect(matchSource('adf', ['ADF Duplex', 'ADF Back'])).toBeUndefined();
    expect(matchSource('adf', ['Card Front', 'ADF'])).toBe('ADF');
  });

  it.each([
    ['fujitsu', { lineart: 'Lineart', gray: 'Gray', color: 'Color' }],
    ['avision', { lineart: 'Lineart', gray: 'Gray', color: 'Color' }],
    ['brother', { lineart: 'Black & White', gray: 'True Gray', color: '24bit Color' }],
  ] as const)('%s modes', (backend, expected) => {
    const modes = backends[backend].modes;
    expect({ lineart: matchMode('lineart', modes), gray: matchMode('gray', modes), color: matchMode('color', modes) }).toEqual(expected);
  });

  it('offers lineart for the test device through gray at one bit, and not without it', () => {
    expect(offeredModes(backends.test.modes, [1, 8, 16])).toEqual(['color', 'gray', 'lineart']);
    expect(offeredModes(backends.test.modes, [8])).toEqual(['color', 'gray']);
    expect(offeredModes([], [])).toEqual([]);
  });
});
