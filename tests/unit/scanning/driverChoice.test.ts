import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { driverExecPath, driverKind, driverNodeVariable, driverVariable } from '../../../native/scanning/driverChoice.js';

describe('which driver the driver process runs, and with which Node', () => {
  it('speaks TWAIN on Windows and SANE elsewhere unless told otherwise', () => {
    expect(driverKind({}, 'win32')).toBe('twain');
    expect(driverKind({}, 'linux')).toBe('sane');
    expect(driverKind({ [driverVariable]: 'sane' }, 'win32')).toBe('sane');
    expect(driverKind({ [driverVariable]: 'twain' }, 'linux')).toBe('twain');
    expect(driverKind({ [driverVariable]: 'wia' }, 'linux')).toBe('sane');
  });

  it('forks with this Node unless a sidecar executable (a 32-bit node.exe) is configured', () => {
    expect(driverExecPath({})).toBeUndefined();
    expect(driverExecPath({ [driverNodeVariable]: process.execPath })).toBe(process.execPath);
  });

  it('refuses a sidecar executable that is relative or missing, saying what to set', () => {
    for (const path of ['node32.exe', join(process.cwd(), 'no-such-dir', 'node.exe')]) {
      let error: unknown;
      try {
        driverExecPath({ [driverNodeVariable]: path });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CourtError);
      expect(error).toMatchObject({ code: 'SCANNER_DRIVER_MISSING', details: { [driverNodeVariable]: path } });
      expect((error as CourtError).remedy).toMatch(/32 位 node\.exe/);
    }
  });
});
