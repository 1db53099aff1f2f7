// The header row: Japanese or English column names, in any order. Unknown columns (備考 …) are
// ignored so that staff can upload the sheet they already keep; a missing required column is an error.

export type Field = "symbol" | "number" | "branch" | "name" | "kanaName" | "birthDate" | "relationship" | "sex";

interface Column {
  field: Field;
  label: string;
  english: string;
  required: boolean;
  aliases: string[];
}

const COLUMNS: Column[] = [
  { field: "symbol", label: "記号", english: "symbol", required: true, aliases: [] },
  { field: "number", label: "番号", english: "number", required: true, aliases: [] },
  { field: "branch", label: "枝番", english: "branch", required: true, aliases: [] },
  { field: "name", label: "氏名", english: "name", required: true, aliases: [] },
  // The sign-up form calls it 氏名(カナ); accept that spelling (NFKC makes （） into ()).
  { field: "kanaName", label: "氏名カナ", english: "kana_name", required: true, aliases: ["氏名(カナ)"] },
  { field: "birthDate", label: "生年月日", english: "birth_date", required: true, aliases: [] },
  { field: "relationship", label: "続柄", english: "relationship", required: true, aliases: [] },
  { field: "sex", label: "性別", english: "sex", required: false, aliases: [] },
];

const BY_NAME = new Map<string, Column>();
for (const c of COLUMNS) for (const name of [c.label, c.english, ...c.aliases]) BY_NAME.set(name, c);

/** Index of each field's column in a data row; -1 for an absent optional column. */
export type ColumnIndex = Record<Field, number>;

export type HeaderResult = { ok: true; index: ColumnIndex; width: number } | { ok: false; problems: string[] };

function cellName(cell: string): string {
  return cell.normalize("NFKC").trim().toLowerCase();
}

export function readHeader(cells: string[]): HeaderResult {
  const index = Object.fromEntries(COLUMNS.map((c) => [c.field, -1])) as ColumnIndex;
  const problems: string[] = [];
  let known = 0;
  cells.forEach((cell, i) => {
    const column = BY_NAME.get(cellName(cell));
    if (!column) return;
    known++;
    if (index[column.field] !== -1) problems.push(`列「${column.label}」が 2 回あります`);
    else index[column.field] = i;
  });
  if (known === 0) {
    return {
      ok: false,
      problems: [
        `見出し行がありません。1 行目を ${COLUMNS.map((c) => c.label).join(",")} にしてください(文字コードは UTF-8 か Shift_JIS)`,
      ],
    };
  }
  for (const c of COLUMNS) {
    if (c.required && index[c.field] === -1) problems.push(`必須の列「${c.label}」(${c.english})がありません`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, index, width: cells.length };
}
