// Streaming roster parser: decoded text in, validated rows out, every problem as `line N: …`.
//
// csv-parse splits the text; everything else happens here, record by record in file order. Lines
// are counted here rather than taken from csv-parse, whose count goes wrong for a CRLF inside a
// quoted field (Excel cells with Alt+Enter): N is always the physical line a record starts on,
// with the header as line 1. (csv-parse's `on_record` hook would also do, but it builds an info
// object per record, which costs more than the rest of the parsing.)
import { parse, type Parser } from "csv-parse";
import { decodeRoster, RosterDecodeError } from "./decode";
import { readHeader, type ColumnIndex } from "./header";
import { PersonKeySet } from "./key-set";
import type { ParseSummary, RosterRow } from "./types";
import { validateRow } from "./validate-row";

export interface ParseOptions {
  /** Today in Japan (YYYY-MM-DD): birth dates after it are errors. */
  today: string;
  /** How many messages to keep; all errors are still counted. */
  maxErrors?: number;
}

export const MAX_ERRORS = 1000;
const MAX_RECORD_CHARS = 64 * 1024;

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "「\"」で始まる項目が閉じられていません",
  CSV_INVALID_CLOSING_QUOTE: "「\"」で囲んだ項目の後ろに余分な文字があります",
  // csv-parse names this one without the CSV_ prefix.
  INVALID_OPENING_QUOTE: "項目の途中に「\"」があります(値の中の「\"」は「\"\"」と 2 つ重ねてください)",
  CSV_MAX_RECORD_SIZE: "行が長すぎます(「\"」が閉じられていない可能性があります)",
};

function countBreaks(cell: string): number {
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && cell.charCodeAt(i + 1) !== 10) n++; // CRLF counts once, at its LF
  }
  return n;
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
}

/**
 * Feed decoded text with write(), then end(). Each call returns the valid rows it completed —
 * only while the file is still error-free, since a single error rejects the whole file.
 */
export class RosterParser {
  readonly errors: string[] = [];
  errorCount = 0;
  /** Data rows seen so far (blank lines excluded). */
  rows = 0;
  /** True once reading further cannot help: the header is unusable or the CSV structure broke. */
  stopped = false;

  private readonly csv: Parser;
  private readonly closed: Promise<void>;
  private readonly maxErrors: number;
  private line = 1; // where the next record starts
  private header?: { index: ColumnIndex; width: number };
  private keys = new PersonKeySet();
  private out: RosterRow[] = [];
  private problems: string[] = [];
  private csvError?: Error & { code?: string };
  private quoted = false;
  private garbled = false;

  constructor(private readonly options: ParseOptions) {
    this.maxErrors = options.maxErrors ?? MAX_ERRORS;
    this.csv = parse({
      relax_column_count: true, // checked here, so the scan can go on past a short row
      record_delimiter: ["\r\n", "\n", "\r"],
      // A real row is well under 1 KB. Without a cap, a quote left open early in a big file
      // would pull the whole rest of it into memory as one value before failing.
      max_record_size: MAX_RECORD_CHARS,
    });
    this.csv.on("data", (cells: string[]) => this.record(cells));
    // Reported once the write that caused it has settled, so every record before it is counted.
    this.csv.on("error", (error: Error & { code?: string }) => (this.csvError ??= error));
    this.closed = new Promise((resolve) => this.csv.once("close", resolve));
  }

  async write(text: string): Promise<RosterRow[]> {
    // Per-cell scans are only needed once the text has quotes (line breaks inside a value) or
    // undecodable bytes; most Excel files have neither, and the scans would cost ~10% of parsing.
    this.quoted ||= text.includes('"');
    this.garbled ||= text.includes("\uFFFD");
    if (!this.stopped) await new Promise<void>((resolve) => this.csv.write(text, () => resolve()));
    this.reportCsvError();
    return this.take();
  }

  async end(): Promise<RosterRow[]> {
    if (!this.csv.destroyed) this.csv.end();
    await this.closed;
    this.reportCsvError();
    if (!this.stopped) {
      if (!this.header) this.addError(1, "ファイルが空です");
      else if (this.rows === 0) this.addError(this.line, "データ行がありません");
    }
    return this.take();
  }

  summary(encoding: ParseSummary["encoding"]): ParseSummary {
    return { encoding, rows: this.rows, errors: this.errors, errorCount: this.errorCount };
  }

  private reportCsvError(): void {
    if (!this.csvError || this.stopped) return;
    this.fail(this.line, CSV_MESSAGES[this.csvError.code ?? ""] ?? "CSV の形式が正しくありません");
  }

  private take(): RosterRow[] {
    const rows = this.out;
    this.out = [];
    return this.errorCount === 0 ? rows : [];
  }

  private addError(line: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push(`line ${line}: ${message}`);
  }

  private fail(line: number, message: string): void {
    this.addError(line, message);
    this.stopped = true;
  }

  private record(cells: string[]): void {
    const line = this.line;
    let breaks = 1;
    if (this.quoted) for (const cell of cells) if (cell.includes("\n") || cell.includes("\r")) breaks += countBreaks(cell);
    this.line += breaks;
    if (this.stopped) return;
    // Excel leaves ",,,,,," for rows that were cleared.
    if (cells[0].trim() === "" && isBlank(cells)) return;

    if (!this.header) {
      const header = readHeader(cells);
      if (header.ok) this.header = header;
      else for (const p of header.problems) this.fail(line, p);
      return;
    }
    this.rows++;
    const { index, width } = this.header;
    if (cells.length !== width) {
      this.addError(line, `列の数が見出しと違います(見出しは ${width} 列、この行は ${cells.length} 列)`);
      return;
    }
    if (this.garbled && cells.some((cell) => cell.includes("\uFFFD"))) {
      this.addError(line, "読み取れない文字があります(文字コードを UTF-8 か Shift_JIS にしてください)");
      return;
    }
    const problems = this.problems;
    problems.length = 0;
    const { row, key } = validateRow(cells, index, this.options.today, line, problems);
    for (const p of problems) this.addError(line, p);
    if (key !== undefined) {
      const first = this.keys.add(key, line);
      if (first) this.addError(line, `記号・番号・枝番「${key.replaceAll("\t", "・")}」が ${first} 行目と重複しています`);
    }
    if (row && this.errorCount === 0) this.out.push(row);
  }
}

/**
 * Decodes and parses a roster, yielding batches of valid rows (none once an error is found) and
 * returning the summary. Stops reading early when the rest of the file cannot be interpreted.
 */
export async function* readRoster(
  input: AsyncIterable<Uint8Array>,
  options: ParseOptions,
): AsyncGenerator<RosterRow[], ParseSummary, undefined> {
  let decoded;
  try {
    decoded = await decodeRoster(input);
  } catch (error) {
    if (!(error instanceof RosterDecodeError)) throw error;
    return { encoding: null, rows: 0, errors: [`line 1: ${error.message}`], errorCount: 1 };
  }
  const parser = new RosterParser(options);
  for await (const text of decoded.text) {
    const rows = await parser.write(text);
    if (rows.length) yield rows;
    if (parser.stopped) break;
  }
  const rows = await parser.end();
  if (rows.length) yield rows;
  return parser.summary(decoded.encoding);
}
