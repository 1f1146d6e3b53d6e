/** The first characters of a hash, as staff compare them by eye against a printout. */
export const hashPrefix = (hex: string, length = 12) => hex.slice(0, length);
