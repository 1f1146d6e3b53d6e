/**
 * Refuses cross-site WebSocket hijacking: a browser always sends Origin, and a page of another
 * site must not talk to the API even if the user's browser can reach it. Clients without
 * Origin (scripts, tests) still need the token. Either scheme is accepted because the court's
 * TLS-terminating proxy serves the same host over https.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.host === hostHeader.toLowerCase();
}
