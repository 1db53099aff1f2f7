// One data row → a RosterRow, or every problem with it (staff fix a file faster when they see all
// of a row's mistakes at once).
import { checkBirthDate, checkBranch, checkCode, checkKanaName, checkSex, checkText, quote } from "./fields";
import type { ColumnIndex } from "./header";
import type { RosterRow } from "./types";

export const INSURED = "本人";

export interface ValidatedRow {
  /** Set when every value is valid. */
  row?: RosterRow;
  /** 記号・番号・枝番 joined by tabs, when those three are valid (for duplicate detection). */
  key?: string;
}

export function validateRow(cells: string[], index: ColumnIndex, today: string, line: number, problems: string[]): ValidatedRow {
  const before = problems.length;
  const symbol = checkCode(cells[index.symbol], "記号", problems);
  const number = checkCode(cells[index.number], "番号", problems);
  const branch = checkBranch(cells[index.branch], problems);
  const name = checkText(cells[index.name], "氏名", 100, problems);
  const kana = checkKanaName(cells[index.kanaName], problems);
  const birthDate = checkBirthDate(cells[index.birthDate], today, problems);
  const relationship = checkText(cells[index.relationship], "続柄", 20, problems, true);
  const sex = checkSex(index.sex === -1 ? undefined : cells[index.sex], problems);

  // 枝番 00 and 続柄 本人 say the same thing; when they disagree we cannot tell which one is wrong.
  if (branch !== undefined && relationship !== undefined && (branch === "00") !== (relationship === INSURED)) {
    problems.push(
      branch === "00"
        ? `枝番 00 は本人の行ですが、続柄が${quote(relationship)}です`
        : `続柄が本人の行は枝番を 00 にしてください(枝番${quote(branch)})`,
    );
  }
  const key = symbol !== undefined && number !== undefined && branch !== undefined ? `${symbol}\t${number}\t${branch}` : undefined;
  if (problems.length > before) return { key };
  const row: RosterRow = {
    line,
    symbol: symbol!,
    number: number!,
    branch: branch!,
    name: name!,
    kanaName: kana!.kanaName,
    kanaKey: kana!.kanaKey,
    birthDate: birthDate!,
    relationship: relationship!,
    sex: sex ?? null,
    isInsured: branch === "00",
  };
  return { row, key };
}
