/** zh is shown to the user; remedy says what to do next; exit is the CLI exit code (2 = bad input). */
export interface ErrorEntry {
  zh: string;
  en: string;
  remedy: string;
  exit: 1 | 2;
}
