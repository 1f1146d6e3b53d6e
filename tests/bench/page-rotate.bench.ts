import sharp from 'sharp';
import { turnMaster } from '../../core/scanning/edits/rotateMaster.js';
import { renderTextPage } from '../helpers/pageImages.js';

const RUNS = 5;
const JPEG_QUALITY = 85;

async function msPerRun(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / RUNS;
}

/** What rotating a master costs when it is decoded, turned and compressed again, as an image library does by default. */
const reencode = async (jpeg: Buffer) => sharp(jpeg).rotate(90).jpeg({ quality: JPEG_QUALITY }).toBuffer();

async function meanDifference(a: Buffer, b: Buffer): Promise<number> {
  const x = await sharp(a).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const y = await sharp(b).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let row = 0; row < x.info.height; row++) for (let col = 0; col < x.info.width; col++) sum += Math.abs(x.data[row * x.info.width + col] - y.data[row * y.info.width + col]);
  return sum / (x.info.width * x.info.height);
}

/**
 * 旋转页面 on a 300 dpi A4 gray text page (the scanning default): the lossless coefficient turn
 * beside decode-turn-re-encode, in time per quarter turn and in what four quarter turns leave.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}行：原告诉称，被告于二〇二三年向其借款人民币伍万元整，至今未还。`);
  const page = await renderTextPage(lines, { width: 2480, height: 3508, dpi: 300, fontPx: 56 });
  const master = page.jpeg;
  const ours = await msPerRun(() => turnMaster(master, 'image/jpeg', 90));
  const baseline = await msPerRun(() => reencode(master));

  let lossless = master;
  let lossy = master;
  for (let i = 0; i < 4; i++) {
    lossless = (await turnMaster(lossless, 'image/jpeg', 90)).master;
    lossy = await reencode(lossy);
  }
  const ourLoss = await meanDifference(master, lossless);
  const baselineLoss = await meanDifference(master, lossy);
  return [
    {
      name: 'page_edits.rotate_jpeg_ms',
      value: +ours.toFixed(1),
      baseline: +baseline.toFixed(1),
      ratio: +(ours / baseline).toFixed(2),
      unit: 'ms per quarter turn',
      how: `2480×3508 gray JPEG q${JPEG_QUALITY} (${Math.round(master.length / 1024)} KiB): DCT-coefficient turn in JS vs sharp decode + rotate + re-encode, mean of ${RUNS}`,
    },
    {
      name: 'page_edits.rotate_generation_loss',
      value: +ourLoss.toFixed(3),
      baseline: +baselineLoss.toFixed(3),
      ratio: baselineLoss === 0 ? null : +(ourLoss / baselineLoss).toFixed(3),
      unit: 'mean |Δ gray| after four quarter turns',
      how: 'same page turned 4 × 90°, decoded and compared with the original pixel by pixel',
    },
  ];
}
