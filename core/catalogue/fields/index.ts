import { findAmounts, type Amount } from './amounts.js';
import { findCaseNumbers } from './caseNumbers.js';
import { findCourts } from './courts.js';
import { findDates } from './dates.js';
import { findParties, type ExtractedParty } from './parties.js';

export interface DocumentFields {
  /** Valid 案号, canonical, in order of appearance. */
  caseNumbers: string[];
  parties: ExtractedParty[];
  /** ISO dates. */
  dates: string[];
  amounts: Amount[];
  courts: string[];
}

export function extractFields(text: string): DocumentFields {
  return {
    caseNumbers: findCaseNumbers(text),
    parties: findParties(text),
    dates: findDates(text),
    amounts: findAmounts(text),
    courts: findCourts(text),
  };
}

export type { Amount, ExtractedParty };
export { findAmounts, findCaseNumbers, findCourts, findDates, findParties };
