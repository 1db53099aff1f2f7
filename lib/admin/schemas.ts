// One zod schema per admin form, with the Japanese messages shown next to each field.
import { z } from "zod";
import { PASSWORD_MAX } from "../auth/password-policy";
import { halfWidth } from "../normalize";

const trimmed = (max: number, label: string) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().max(max, `${label}は ${max} 文字以内で入力してください。`));

const optionalText = (max: number, label: string) => trimmed(max, label).transform((v) => (v === "" ? null : v));

// "a@b.jp" or "名前 <a@b.jp>" (the sender); plain addresses elsewhere.
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SENDER = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), `${label}は正しい日付を入力してください。`)
    .transform((v) => (v === "" ? null : v));

export const settingsSchema = z
  .object({
    unionId: z.string(),
    name: trimmed(100, "組合名").pipe(z.string().min(1, "組合名を入力してください。")),
    callCenterPhone: z
      .string()
      .transform((v) => halfWidth(v).trim())
      .pipe(z.string().max(20, "電話番号は 20 文字以内で入力してください。").regex(/^$|^[0-9][0-9-]{8,}[0-9]$/, "電話番号は半角数字とハイフンで入力してください(例: 03-1234-5678)。"))
      .transform((v) => (v === "" ? null : v)),
    callCenterHours: optionalText(100, "受付時間"),
    supportEmail: trimmed(254, "問い合わせ先メール")
      .refine((v) => v === "" || ADDRESS.test(v), "問い合わせ先メールの形式が正しくありません(例: kenpo@example.jp)。")
      .transform((v) => (v === "" ? null : v)),
    senderEmail: trimmed(254, "送信元アドレス")
      .refine((v) => v === "" || SENDER.test(v), "送信元アドレスの形式が正しくありません(例: no-reply@example.jp または 組合名 <no-reply@example.jp>)。")
      .transform((v) => (v === "" ? null : v)),
    surveyOpensOn: optionalDate("調査の開始日"),
    surveyClosesOn: optionalDate("調査の締切日"),
  })
  .superRefine((v, ctx) => {
    if (v.surveyOpensOn && v.surveyClosesOn && v.surveyClosesOn < v.surveyOpensOn) {
      ctx.addIssue({ code: "custom", path: ["surveyClosesOn"], message: "調査の締切日は開始日以降の日付にしてください。" });
    }
    if (Boolean(v.surveyOpensOn) !== Boolean(v.surveyClosesOn)) {
      ctx.addIssue({ code: "custom", path: [v.surveyOpensOn ? "surveyClosesOn" : "surveyOpensOn"], message: "調査期間は開始日と締切日の両方を入力してください。" });
    }
  });

export type SettingsInput = z.output<typeof settingsSchema>;

export const TERMS_MAX = 20_000;

export const termsSchema = z.object({
  unionId: z.string(),
  title: trimmed(100, "題名").pipe(z.string().min(1, "題名を入力してください。")),
  body: z
    .string()
    .transform((v) => v.replaceAll("\r\n", "\n").trim())
    .pipe(z.string().min(1, "利用規約の本文を入力してください。").max(TERMS_MAX, `利用規約は ${TERMS_MAX.toLocaleString("ja-JP")} 文字以内で入力してください。`)),
});

export const unionSchema = z.object({
  code: z
    .string()
    .transform((v) => halfWidth(v).trim())
    .pipe(z.string().regex(/^[a-z]{2,16}$/, "保険者指定コードは半角の英小文字 2〜16 文字で入力してください(例: jkc)。")),
  name: trimmed(100, "組合名").pipe(z.string().min(1, "組合名を入力してください。")),
});

export const adminSchema = z.object({
  loginId: z
    .string()
    .transform((v) => halfWidth(v).trim())
    .pipe(z.string().regex(/^[A-Za-z0-9@\-_.+]{6,50}$/, "管理者IDは半角の英字・数字・記号(@ - _ . +)で 6〜50 文字にしてください。")),
  email: trimmed(254, "メールアドレス").refine((v) => ADDRESS.test(v), "メールアドレスの形式が正しくありません。"),
  password: z.string().max(PASSWORD_MAX * 2),
  unionId: z.string().min(1, "健康保険組合を選んでください。"),
});
