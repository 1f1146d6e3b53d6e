import type { ServerResponse } from 'node:http';

const HOST_HEADER = /^[A-Za-z0-9.\-[\]:]{1,255}$/;

/**
 * Headers for every HTTP response. style-src needs 'unsafe-inline' because Ant Design 6 injects
 * its CSS-in-JS styles as <style> elements at run time; scripts stay 'self' only (Vite emits no
 * inline script). connect-src names the WebSocket origin explicitly for browsers whose 'self'
 * does not cover ws:/wss:.
 */
export function setSecurityHeaders(res: ServerResponse, hostHeader: string | undefined): void {
  const ws = hostHeader && HOST_HEADER.test(hostHeader) ? ` ws://${hostHeader} wss://${hostHeader}` : '';
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${ws}`,
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
