import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { errorFromResponse, normaliseServerUrl } from '../../../core/sync/apiClient.js';
import { uploadChecksum } from '../../../core/sync/syncHttpStack.js';
import { verifyChecksum } from '../../../server/tus/checksum.js';

describe('wire details', () => {
  it('client checksums are what the server verifies; corruption, unknown algorithms and junk are told apart', () => {
    const chunk = Buffer.from('第一页的扫描数据');
    expect(verifyChecksum(uploadChecksum(chunk), chunk)).toBe('ok');
    expect(verifyChecksum(uploadChecksum(chunk), Buffer.from('第一页的扫描数椐'))).toBe('mismatch');
    expect(verifyChecksum(`sha1 ${createHash('sha1').update(chunk).digest('base64')}`, chunk)).toBe('ok');
    expect(verifyChecksum('md5 AAAA', chunk)).toBe('unsupported');
    expect(verifyChecksum('sha256', chunk)).toBe('malformed');
    expect(verifyChecksum(undefined, chunk)).toBe('missing');
  });

  it('rebuilds server errors as CourtErrors and names foreign answers', () => {
    const body = JSON.stringify({ error: new CourtError('SYNC_CHECKPOINT_INCONSISTENT', { details: { reason: 'tree shrank' } }).toData() });
    expect(errorFromResponse(409, body)).toMatchObject({ code: 'SYNC_CHECKPOINT_INCONSISTENT', details: { reason: 'tree shrank' } });
    expect(errorFromResponse(502, '<html>Bad Gateway</html>').code).toBe('SYNC_SERVER_ERROR');
    expect(errorFromResponse(404, 'Not found').code).toBe('SYNC_PROTOCOL');
  });

  it('accepts only plain http(s) server URLs', () => {
    expect(normaliseServerUrl('https://dossier.court.example:8420/')).toBe('https://dossier.court.example:8420');
    expect(() => normaliseServerUrl('ftp://x')).toThrow(CourtError);
    expect(() => normaliseServerUrl('https://user:pw@x')).toThrow(CourtError);
  });
});
