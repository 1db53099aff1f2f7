// Shapes shared by the roster modules: one validated CSV row, and the encodings we accept.

/** How the file was written: Excel's 「CSV UTF-8」 (with BOM), plain UTF-8, or Excel's default Shift_JIS (CP932). */
export type RosterEncoding = "utf-8-bom" | "utf-8" | "cp932";

/** One person from the file, normalised and validated; `line` is the physical line it starts on. */
export interface RosterRow {
  line: number;
  /** 記号, half-width (NFKC), trimmed. */
  symbol: string;
  /** 番号, half-width (NFKC), trimmed. */
  number: string;
  /** 枝番, always two digits: `00` is the insured person (本人). */
  branch: string;
  /** 氏名, trimmed but otherwise as written (NFKC would change some kanji). */
  name: string;
  /** 氏名カナ, NFKC (half-width katakana become full width), trimmed. */
  kanaName: string;
  /** normalizeKanaName(kanaName): what sign-up compares. */
  kanaKey: string;
  /** 生年月日 as YYYY-MM-DD. */
  birthDate: string;
  /** 続柄 (本人, 妻, 子 …). */
  relationship: string;
  sex: "M" | "F" | null;
  isInsured: boolean;
}

/** The outcome of reading a whole file: rows are streamed elsewhere, this is what is left. */
export interface ParseSummary {
  encoding: RosterEncoding | null;
  /** Data rows seen (valid or not), blank lines excluded. */
  rows: number;
  /** The first errors, each `line N: …`; `errorCount` counts all of them. */
  errors: string[];
  errorCount: number;
}
