// npm run survey:open -- --union jkc --title "令和8年度 被扶養者資格調査" --opens 2026-12-01 --closes 2026-12-31 [--base-date 2026-12-01] [--remind 2026-12-15,2026-12-24]
// Opens the union's survey for the fiscal year of --opens, targeting every active dependent
// (roster rows other than 枝番 00), with one response per insured person who has one.
import { eq } from "drizzle-orm";
import { unions } from "../db/schema";
import { systemClock } from "../lib/clock";
import { unionCodeOf } from "../lib/roster/fields";
import { openSurvey } from "../lib/survey/open-survey";
import { CliError, parseCli, requireOption, runCli, UsageError, withDb } from "./cli";

const USAGE = `使い方: npm run survey:open -- --union CODE --title タイトル --opens YYYY-MM-DD --closes YYYY-MM-DD [オプション]
  --union CODE           保険者指定コード(例: jkc)
  --title タイトル       例: 令和8年度 被扶養者資格調査
  --opens YYYY-MM-DD     回答期間の初日(日本時間)
  --closes YYYY-MM-DD    回答期間の最終日(日本時間、この日の終わりまで)
  --base-date YYYY-MM-DD 年齢の基準日(省略時は --opens の日)
  --remind 日付,日付     督促メールを送る日(回答期間内、カンマ区切り)`;

async function main() {
  const { values } = parseCli(
    { union: { type: "string" }, title: { type: "string" }, opens: { type: "string" }, closes: { type: "string" }, "base-date": { type: "string" }, remind: { type: "string" } },
    { usage: USAGE },
  );
  const code = unionCodeOf(requireOption(values.union, "union"));
  const title = requireOption(values.title, "title");
  const opensOn = requireOption(values.opens, "opens").replace(/\//g, "-");
  const closesOn = requireOption(values.closes, "closes").replace(/\//g, "-");
  const baseDate = typeof values["base-date"] === "string" ? values["base-date"].trim().replace(/\//g, "-") : undefined;
  const reminderDates = typeof values.remind === "string" ? values.remind.split(",").map((d) => d.trim()).filter(Boolean) : [];

  await withDb(async (db) => {
    const [union] = await db.select().from(unions).where(eq(unions.code, code));
    if (!union) throw new CliError(`保険者指定コード「${code}」の健康保険組合が見つかりません`);
    const result = await openSurvey(db, systemClock, { unionId: union.id, title, opensOn, closesOn, baseDate, reminderDates });
    if (!result.ok) throw result.error === "exists" ? new CliError(result.message) : new UsageError(result.message);
    const { survey } = result;
    console.log(`${union.name}の「${survey.title}」(${survey.fiscalYear}年度、id ${survey.id})を作成しました。`);
    console.log(`回答期間: ${survey.opensOn} 〜 ${survey.closesOn}(日本時間)/ 年齢の基準日: ${survey.baseDate}`);
    console.log(`対象の被扶養者: ${result.targets} 人 / 回答する被保険者: ${result.responses} 人`);
  });
}

runCli(main, USAGE);
