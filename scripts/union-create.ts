// npm run union:create -- --code jkc --name "…健康保険組合" [--phone … --hours … --support-email … --sender …]
// Registers a health-insurance union (its 保険者指定コード is what members type at sign-up) and
// publishes our standard 利用規約 with its name as version 1, in the same transaction.
import { systemClock } from "../lib/clock";
import { unionCodeOf } from "../lib/roster/fields";
import { createUnionWithTerms } from "../lib/unions/create-union";
import { hasBadCharacters } from "../lib/validation/input-guard";
import { CliError, parseCli, requireOption, runCli, UsageError, withDb } from "./cli";

const USAGE = `使い方: npm run union:create -- --code CODE --name 組合名 [オプション]
  --code CODE            保険者指定コード(半角英字 2〜16 文字、例: jkc)
  --name 組合名          例: 日本健康保険組合
  --phone 電話番号       コールセンターの電話番号
  --hours 受付時間       コールセンターの受付時間
  --support-email メール 問い合わせ先メールアドレス
  --sender メール        この組合のメールの送信元アドレス(省略時は EMAIL_FROM)`;

// "a@b.jp" or "名前 <a@b.jp>"; the provider checks deliverability, this catches typos.
const EMAIL = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

function optionalEmail(value: unknown, name: string): string | null {
  if (value === undefined) return null;
  const v = String(value).trim();
  if (!EMAIL.test(v)) throw new UsageError(`--${name} のメールアドレス「${v}」が正しくありません`);
  return v;
}

const optional = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

async function main() {
  const { values } = parseCli(
    {
      code: { type: "string" },
      name: { type: "string" },
      phone: { type: "string" },
      hours: { type: "string" },
      "support-email": { type: "string" },
      sender: { type: "string" },
    },
    { usage: USAGE },
  );
  // Codes are case-insensitive everywhere; they are stored in lower case.
  const code = unionCodeOf(requireOption(values.code, "code"));
  if (!/^[a-z]{2,16}$/.test(code)) throw new UsageError(`--code「${code}」は半角英字 2〜16 文字にしてください(例: jkc)`);
  const name = requireOption(values.name, "name");
  if (name.length > 100 || hasBadCharacters(name)) throw new UsageError("--name は改行・タブなどを含まない 100 文字以内にしてください");
  const row = {
    code,
    name,
    callCenterPhone: optional(values.phone),
    callCenterHours: optional(values.hours),
    supportEmail: optionalEmail(values["support-email"], "support-email"),
    senderEmail: optionalEmail(values.sender, "sender"),
  };

  await withDb(async (db) => {
    const result = await createUnionWithTerms(db, systemClock, row);
    if (!result.ok) throw new CliError(`保険者指定コード「${code}」の健康保険組合はすでに登録されています`);
    const { union, terms } = result;
    console.log(`健康保険組合を登録しました: ${union.code}(${union.name}、id ${union.id})`);
    console.log(`利用規約(第${terms.version}版「${terms.title}」)を公開しました。管理画面の設定から新しい版に差し替えられます。`);
  });
}

runCli(main, USAGE);
