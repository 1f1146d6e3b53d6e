import { A4 } from '../pdf/frontMatter.js';

/**
 * Where the cover template puts the seal (立卷单位盖章处), in pdfkit's top-down coordinates,
 * and the same box in PDF user space for the signature widget.
 */
export const coverSealBox = { x: 380, y: 600, size: 130 };

export const coverSealWidgetRect: [number, number, number, number] = [
  coverSealBox.x,
  A4.height - coverSealBox.y - coverSealBox.size,
  coverSealBox.x + coverSealBox.size,
  A4.height - coverSealBox.y,
];
