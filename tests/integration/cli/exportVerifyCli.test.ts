import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { makeP12 } from '../../helpers/signingKey.js';
import { courtdesk } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();


describe('courtdesk export and verify', () => {
  it('exports a signed dossier that verifies as 完整, and names the altered page after tampering', async () => {
    const f = await sampleDossier(tempDir());
    const complaintSha = (f.db.prepare('SELECT sha256 FROM pages ORDER BY position LIMIT 1').get() as { sha256: string }).sha256;
    f.db.close();
    const keyFile = join(f.dir, 'seal.p12');
    writeFileSync(keyFile, makeP12('吴中区人民法院', 'p12-pass'));
    const out = join(f.dir, 'dossier.pdf');
    const exported = await courtdesk(['--data-dir', f.dir, 'export', '--case', '(2024)苏0506民初88号', '--out', out, '--sign', keyFile, '--pass-env', 'SEAL_PASS', '--json'], { SEAL_PASS: 'p12-pass' });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ case: '（2024）苏0506民初88号', pages: 3, documents: 2, signed: true });

    const intact = await courtdesk(['--data-dir', f.dir, 'verify', out]);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('完整');

    const bytes = readFileSync(out);
    const jpeg = f.blobs.read(complaintSha);
    bytes[bytes.indexOf(jpeg.subarray(0, 64)) + 5000] ^= 0xff;
    const tampered = join(f.dir, 'tampered.pdf');
    writeFileSync(tampered, bytes);
    const broken = await courtdesk(['--data-dir', f.dir, 'verify', tampered, '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ status: 'altered', position: 1, document: '起诉状' });

    const elsewhere = await courtdesk(['--data-dir', tempDir(), 'verify', out]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain('信任列表');

    const notOurs = join(f.dir, 'note.pdf');
    writeFileSync(notOurs, '%PDF-1.4\nnot really\n');
    expect((await courtdesk(['--data-dir', f.dir, 'verify', notOurs])).code).toBe(2);
  });

  it('verifies a case in the local store page by page', async () => {
    const f = await sampleDossier(tempDir());
    f.db.close();
    await courtdesk(['--data-dir', f.dir, 'export', '--case', '(2024)苏0506民初88号', '--out', join(f.dir, 'd.pdf')]);
    const ok = await courtdesk(['--data-dir', f.dir, 'verify', '--case', '(2024)苏0506民初88号', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'intact', pages: 3 });
  });
});

