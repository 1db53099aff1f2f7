import { z } from "zod";
import { halfWidthInput } from "../validation/fields";

// Only "something was typed" (and the code's shape): the rules are not hints to give.
export const adminLoginSchema = z.object({
  loginId: z.preprocess(halfWidthInput, z.string({ error: "管理者IDを入力してください。" }).min(1, "管理者IDを入力してください。").max(100, "管理者ID、パスワードまたは確認コードが正しくありません。")),
  password: z.string({ error: "パスワードを入力してください。" }).min(1, "パスワードを入力してください。").max(200, "管理者ID、パスワードまたは確認コードが正しくありません。"),
  code: z.preprocess(
    (v) => (typeof v === "string" ? halfWidthInput(v.replace(/[\s\u3000]/g, "")) : v),
    z.string({ error: "確認コードを入力してください。" }).min(1, "確認コードを入力してください。").regex(/^\d{6}$/, "確認コードは認証アプリに表示される6桁の数字を入力してください。"),
  ),
});
