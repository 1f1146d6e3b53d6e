import type { RawGeometry } from './pixels.js';
import type { OrientationInput, PageOptions, PipelineSettings, QuarterTurn } from './types.js';

/** Messages between the page pipeline and its worker threads; every field is cloneable. */
export interface PrepareJob {
  kind: 'prepare';
  geometry: RawGeometry;
  data: Uint8Array;
  dpi: number;
  options: PageOptions;
  settings: PipelineSettings;
}

/** A straightened, cropped page, still raw, waiting for its orientation. */
export interface Prepared {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
  lineart: boolean;
  skewDegrees: number;
  blank: boolean;
  inkRatio: number;
  osd: OrientationInput | null;
}

export interface EncodeJob {
  kind: 'encode';
  page: Prepared;
  rotate: QuarterTurn;
  dpi: number;
  settings: PipelineSettings;
}

export interface Encoded {
  master: Uint8Array;
  mediaType: 'image/tiff' | 'image/jpeg';
  width: number;
  height: number;
  thumbnail: Uint8Array;
}

export type WorkerJob = PrepareJob | EncodeJob;
export type WorkerRequest = { id: number; job: WorkerJob };
export type WorkerReply = { id: number; ok: true; result: Prepared | Encoded } | { id: number; ok: false; message: string };
