import { CourtError } from '../../contract/index.js';
import { anchorReceiptSchema, checkpointDigest, type AnchorPort, type AnchorReceipt } from './anchorPort.js';

export interface HttpAnchorOptions {
  /** The court's anchoring endpoint; the checkpoint text is POSTed to it as is. */
  url: string;
  /** Extra request headers, typically one carrying the credential (e.g. Authorization). Never logged. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

const MAX_RECEIPT_BYTES = 64 * 1024;

/**
 * POSTs the signed checkpoint (text/plain; charset=utf-8) and expects a JSON receipt
 * matching anchorReceiptSchema. There is no public API for the courts' judicial
 * blockchain, so a court puts a small gateway in front of its platform that speaks this;
 * see core/ledger/README.md.
 */
export class HttpAnchor implements AnchorPort {
  readonly name = 'http';

  constructor(private readonly opts: HttpAnchorOptions) {
    if (!URL.canParse(opts.url) || !['https:', 'http:'].includes(new URL(opts.url).protocol)) {
      throw new CourtError('INVALID_INPUT', { message: `存证地址应为 http(s) 网址：${opts.url}`, messageEn: `Anchoring URL must be http(s): ${opts.url}` });
    }
  }

  async anchor(checkpointText: string): Promise<AnchorReceipt> {
    let response: Response;
    try {
      response = await fetch(this.opts.url, {
        method: 'POST',
        headers: { ...this.opts.headers, 'content-type': 'text/plain; charset=utf-8', accept: 'application/json' },
        body: checkpointText,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
        redirect: 'error',
      });
    } catch (err) {
      throw failed(`无法连接存证服务：${(err as Error).message}`, `cannot reach the anchoring service: ${(err as Error).message}`, {});
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      throw failed(`存证服务返回 HTTP ${response.status}`, `anchoring service answered HTTP ${response.status}`, { status: response.status });
    }
    if (body.length > MAX_RECEIPT_BYTES) throw badReceipt('回执过大', 'receipt too large');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw badReceipt('回执不是 JSON', 'receipt is not JSON');
    }
    const parsed = anchorReceiptSchema.safeParse(json);
    if (!parsed.success) throw badReceipt(`回执字段不符：${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`, 'receipt does not match the expected fields');
    if (parsed.data.checkpointSha256 !== undefined && parsed.data.checkpointSha256 !== checkpointDigest(checkpointText)) {
      throw badReceipt('回执中的检查点哈希与提交的不一致', 'receipt names a different checkpoint');
    }
    return parsed.data;
  }
}

function failed(message: string, messageEn: string, details: Record<string, unknown>): CourtError {
  return new CourtError('LEDGER_ANCHOR_FAILED', { message, messageEn, details });
}

function badReceipt(why: string, whyEn: string): CourtError {
  return new CourtError('LEDGER_ANCHOR_BAD_RECEIPT', { message: `存证回执无效：${why}`, messageEn: `Unusable anchoring receipt: ${whyEn}` });
}
