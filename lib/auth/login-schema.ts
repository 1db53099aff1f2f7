import { z } from "zod";
import { halfWidthInput } from "../validation/fields";

// Login only checks that something was typed: the rules of IDs and passwords are not hints to give.
export const loginSchema = z.object({
  userId: z.preprocess(halfWidthInput, z.string({ error: "ユーザーIDを入力してください。" }).min(1, "ユーザーIDを入力してください。").max(100, "ユーザーIDまたはパスワードが正しくありません。")),
  password: z.string({ error: "パスワードを入力してください。" }).min(1, "パスワードを入力してください。").max(200, "ユーザーIDまたはパスワードが正しくありません。"),
});
