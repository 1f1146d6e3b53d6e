import { describe, expect, it } from 'vitest';
import { attachmentDisposition, DownloadTickets } from '../../../core/jobs/downloadTickets.js';
import { fakeClock } from './fakeClock.js';

describe('download tickets', () => {
  it('are long random ids that work once', () => {
    const tickets = new DownloadTickets();
    const a = tickets.issue('/data/exports/a.pdf', 'a.pdf');
    const b = tickets.issue('/data/exports/a.pdf', 'a.pdf');
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.id, 'base64url')).toHaveLength(32);
    expect(a.id).not.toBe(b.id);
    expect(tickets.claim(a.id)).toMatchObject({ file: '/data/exports/a.pdf', fileName: 'a.pdf', mediaType: 'application/pdf' });
    expect(tickets.claim(a.id)).toBeNull();
    expect(tickets.claim(b.id)).not.toBeNull();
  });

  it('expire after their time to live', () => {
    const clock = fakeClock();
    const tickets = new DownloadTickets(10 * 60_000, clock);
    const fresh = tickets.issue('/f.pdf', 'f.pdf');
    const stale = tickets.issue('/f.pdf', 'f.pdf');
    expect(fresh.expiresAt.getTime()).toBe(clock.now() + 10 * 60_000);
    clock.advance(10 * 60_000 - 1);
    expect(tickets.claim(fresh.id)).not.toBeNull();
    clock.advance(1);
    expect(tickets.claim(stale.id)).toBeNull();
  });

  it('refuse ids of the wrong shape without looking them up', () => {
    const tickets = new DownloadTickets();
    for (const id of ['', '../../etc/passwd', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}=`]) expect(tickets.claim(id)).toBeNull();
  });
});

describe('the Content-Disposition of a download', () => {
  it('carries the Chinese 案号 as an RFC 5987 UTF-8 name beside an ASCII stand-in', () => {
    const header = attachmentDisposition('（2024）苏0506民初88号-20240501-103000.pdf');
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,;=:@-]+$/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1];
    expect(decodeURIComponent(encoded)).toBe('（2024）苏0506民初88号-20240501-103000.pdf');
    expect(/filename="([^"]+)"/.exec(header)![1]).toBe('_2024__0506__88_-20240501-103000.pdf');
  });

  it('cannot be broken out of by quotes, backslashes or line breaks in a name', () => {
    const header = attachmentDisposition('a"b\\c\r\nSet-Cookie: x.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(/filename="([^"]*)"/.exec(header)![1]).toBe('a_b_c__Set-Cookie: x.pdf');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1])).toBe('a"b\\c\r\nSet-Cookie: x.pdf');
  });
});
