// npm run admin:create -- --id ID --password PW --email E [--union jkc | --operator]
// Creates an administrator (the first operator, or a union's staff) and prints the TOTP secret as an
// otpauth:// URI exactly once: add it to an authenticator app, it is not shown again.
import { eq, sql } from "drizzle-orm";
import { admins, unions } from "../db/schema";
import { qrTerminal } from "../lib/admin/qr";
import { newTotpSecret, totpUri } from "../lib/admin/totp";
import { encryptTotpSecret } from "../lib/admin/totp-secret";
import { envOrExit } from "../lib/env";
import { isCommonPassword } from "../lib/auth/common-passwords";
import { hashPassword } from "../lib/auth/hash";
import { passwordProblem } from "../lib/auth/password-policy";
import { CliError, parseCli, requireOption, runCli, UsageError, withDb } from "./cli";

const USAGE = `使い方: npm run admin:create -- --id ID --password PW --email E (--union CODE | --operator)
  --id ID          管理者のログインID(半角英数字と @ - _ . + の 6〜50 文字)
  --password PW    8〜20 文字、英字・数字・記号をそれぞれ 1 文字以上
  --email E        管理者のメールアドレス
  --union CODE     その健康保険組合の担当者として作成
  --operator       すべての組合を扱う運用者として作成`;

async function main() {
  const { values } = parseCli(
    { id: { type: "string" }, password: { type: "string" }, email: { type: "string" }, union: { type: "string" }, operator: { type: "boolean" } },
    { usage: USAGE },
  );
  const loginId = requireOption(values.id, "id");
  const password = typeof values.password === "string" ? values.password : "";
  const email = requireOption(values.email, "email");
  if (!/^[A-Za-z0-9@\-_.+]{6,50}$/.test(loginId)) throw new UsageError(`--id「${loginId}」は半角英数字と @ - _ . + の 6〜50 文字にしてください`);
  const problem = password ? passwordProblem(password, loginId) : "--password を指定してください";
  if (problem) throw new UsageError(problem);
  if (isCommonPassword(password)) throw new UsageError("そのパスワードはよく使われていて推測されやすいため使えません");
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) throw new UsageError(`--email「${email}」が正しくありません`);
  const operator = values.operator === true;
  const unionCode = typeof values.union === "string" ? values.union.trim().toLowerCase() : undefined;
  if (operator === Boolean(unionCode)) throw new UsageError("--union CODE と --operator のどちらか一方を指定してください");

  const authSecret = envOrExit().AUTH_SECRET;
  const totpSecret = newTotpSecret();
  const passwordHash = await hashPassword(password);
  await withDb(async (db) => {
    let unionId: number | null = null;
    if (unionCode) {
      const [union] = await db.select({ id: unions.id }).from(unions).where(eq(unions.code, unionCode));
      if (!union) throw new CliError(`保険者指定コード「${unionCode}」の健康保険組合は登録されていません(npm run union:create で登録できます)`);
      unionId = union.id;
    }
    const [existing] = await db.select({ id: admins.id }).from(admins).where(eq(sql`lower(${admins.loginId})`, loginId.toLowerCase()));
    if (existing) throw new CliError(`ログインID「${loginId}」の管理者はすでに存在します`);
    // Stored encrypted under AUTH_SECRET: the server must run with the same secret.
    await db.insert(admins).values({ loginId, email, passwordHash, totpSecret: encryptTotpSecret(totpSecret, authSecret), role: operator ? "operator" : "union_admin", unionId });
  });
  console.log(`管理者を作成しました: ${loginId}(${operator ? "運用者" : `組合担当者: ${unionCode}`})`);
  console.log("認証アプリで次の QR コードを読み取るか、URI を登録してください(この表示は一度だけです):");
  const uri = totpUri(loginId, totpSecret);
  console.log(await qrTerminal(uri));
  console.log(uri);
}

runCli(main, USAGE);
