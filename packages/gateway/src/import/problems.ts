/** One thing wrong with one cell (or the file): where, what was seen, what was expected. */
export interface ImportProblem {
  file: string;
  /** Line or sheet row number as a spreadsheet shows it (the header is row 1); 0 for the file as a whole. */
  row: number;
  column: string | null;
  value: string | null;
  expected: string;
}

/** Problems kept in full; past this many only the count grows, so memory stays bounded. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** A file or mapping that cannot be read at all (not a row's problem). Nothing was written. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** Collects problems up to the listing limit and counts them all. */
export class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;
  add(problem: ImportProblem): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
}
