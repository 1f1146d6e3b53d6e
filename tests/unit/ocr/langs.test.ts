import { describe, expect, it } from 'vitest';
import { parseLangs, validateLangs } from '../../../core/ocr/port.js';

describe('OCR languages', () => {
  it('accepts the installed languages joined by +, without repeats', () => {
    expect(parseLangs('chi_sim+eng')).toEqual(['chi_sim', 'eng']);
    expect(parseLangs('chi_tra')).toEqual(['chi_tra']);
    expect(parseLangs('bod+chi_sim+chi_sim')).toEqual(['bod', 'chi_sim']);
  });

  it.each(['deu', 'chi_sim+xyz', '', 'chi_sim;rm -rf /', '../../etc/passwd', 'eng+', 'CHI_SIM'])('refuses %j with a typed error', (spec) => {
    expect(() => parseLangs(spec)).toThrow(expect.objectContaining({ code: 'OCR_LANG_UNSUPPORTED' }));
  });

  it('refuses non-string and empty lists', () => {
    expect(() => validateLangs([])).toThrow(expect.objectContaining({ code: 'OCR_LANG_UNSUPPORTED' }));
    expect(() => validateLangs([42])).toThrow(expect.objectContaining({ code: 'OCR_LANG_UNSUPPORTED' }));
  });
});
