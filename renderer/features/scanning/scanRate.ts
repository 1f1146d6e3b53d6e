/** Pages per minute over the current run: from its first page to its latest, so waiting for paper before the first page does not count. */
export function pagesPerMinute(arrivals: readonly number[]): number | null {
  if (arrivals.length < 2) return null;
  const minutes = (arrivals[arrivals.length - 1] - arrivals[0]) / 60_000;
  return minutes > 0 ? Math.round(((arrivals.length - 1) / minutes) * 10) / 10 : null;
}
