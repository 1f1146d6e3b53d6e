/** Paper sizes a court receives, in millimetres (ISO 216 A and B series, US letter and legal). */
export const pageSizes = {
  A3: { widthMm: 297, heightMm: 420 },
  A4: { widthMm: 210, heightMm: 297 },
  A5: { widthMm: 148, heightMm: 210 },
  B5: { widthMm: 176, heightMm: 250 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
  Legal: { widthMm: 215.9, heightMm: 355.6 },
} as const;

export type PageSizeName = keyof typeof pageSizes;
export const pageSizeNames = Object.keys(pageSizes) as PageSizeName[];

export interface Area {
  widthMm: number;
  heightMm: number;
}

export function areaOf(size: PageSizeName | Area): Area {
  return typeof size === 'string' ? pageSizes[size] : size;
}

/** Backends state their area in 1/65536 mm steps or whole millimetres: half a millimetre short still fits. */
const SLACK_MM = 0.5;

export function fits(area: Area, max: Area): boolean {
  return area.widthMm <= max.widthMm + SLACK_MM && area.heightMm <= max.heightMm + SLACK_MM;
}

/** The named sizes that fit a scanner's largest area (portrait, as paper is fed). */
export function sizesFitting(max: Area | null): PageSizeName[] {
  return max ? pageSizeNames.filter((n) => fits(pageSizes[n], max)) : [];
}
