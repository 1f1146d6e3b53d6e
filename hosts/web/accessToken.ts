import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per start: only whoever was handed the printed URL can reach the API. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares digests so neither the length nor the content of the secret leaks through timing. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}
