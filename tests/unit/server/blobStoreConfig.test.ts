import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { parseConfig, type ServerConfig } from '../../../server/config.js';

const keys = { AWS_ACCESS_KEY_ID: 'court-key', AWS_SECRET_ACCESS_KEY: 'court-secret' };
const s3Flags = ['--blob-store', 's3', '--s3-endpoint', 'https://minio.court.local:9000', '--s3-bucket', 'court-dossiers'];

function blobStoreOf(argv: string[], env: NodeJS.ProcessEnv = {}): ServerConfig['blobStore'] {
  const config = parseConfig(['--data-dir', '/srv/courtdesk', ...argv], env);
  if (config === 'help') throw new Error('unexpected help');
  return config.blobStore;
}

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): CourtError {
  try {
    blobStoreOf(argv, env);
  } catch (err) {
    if (err instanceof CourtError) return err;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('server blob store configuration', () => {
  it('keeps the directory store the default', () => {
    expect(blobStoreOf([])).toEqual({ kind: 'fs', dir: '/srv/courtdesk/blobs' });
    expect(blobStoreOf(['--blob-dir', '/mnt/cephfs/blobs'])).toEqual({ kind: 'fs', dir: '/mnt/cephfs/blobs' });
  });

  it('reads an object store from flags, with the keys from the standard AWS variables', () => {
    expect(blobStoreOf([...s3Flags, '--s3-prefix', 'courtdesk'], keys)).toEqual({
      kind: 's3',
      endpoint: 'https://minio.court.local:9000',
      bucket: 'court-dossiers',
      region: 'us-east-1',
      prefix: 'courtdesk/',
      accessKeyId: 'court-key',
      secretAccessKey: 'court-secret',
    });
  });

  it('reads it from the environment too, with keys from variables the administrator names', () => {
    const env = { COURTDESK_BLOB_STORE: 's3', COURTDESK_S3_ENDPOINT: 'http://10.0.0.5:7480', COURTDESK_S3_BUCKET: 'dossiers', COURTDESK_S3_REGION: 'court-zg', MINIO_KEY: 'k', MINIO_SECRET: 's' };
    expect(blobStoreOf(['--s3-access-key-env', 'MINIO_KEY', '--s3-secret-key-env', 'MINIO_SECRET'], env)).toMatchObject({ endpoint: 'http://10.0.0.5:7480', bucket: 'dossiers', region: 'court-zg', prefix: '', accessKeyId: 'k', secretAccessKey: 's' });
  });

  it('refuses a bad configuration in Chinese, naming what to fix', () => {
    expect(refusal(['--blob-store', 'nfs']).message).toContain('--blob-store 只能是 fs');
    expect(refusal(s3Flags).message).toContain('AWS_ACCESS_KEY_ID');
    expect(refusal(s3Flags, { AWS_ACCESS_KEY_ID: 'k' }).message).toContain('AWS_SECRET_ACCESS_KEY');
    expect(refusal([...s3Flags.slice(0, 2), '--s3-bucket', 'b1b'], keys).message).toContain('--s3-endpoint');
    expect(refusal([...s3Flags.slice(0, 4), '--s3-bucket', 'Court_Dossiers'], keys).message).toContain('--s3-bucket 须为 3–63 个小写字母');
    expect(refusal([...s3Flags, '--s3-endpoint', 'ftp://minio'], keys).message).toContain('http(s)://');
    expect(refusal([...s3Flags, '--s3-prefix', '/abs'], keys).message).toContain('--s3-prefix');
    expect(refusal(['--s3-bucket', 'court-dossiers']).message).toContain('--blob-store s3');
    expect(refusal([...s3Flags, '--blob-dir', '/x'], keys).message).toContain('--blob-dir');
    const err = refusal(['--blob-store', 's3'], keys);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.remedy).toContain('--help');
  });
});
