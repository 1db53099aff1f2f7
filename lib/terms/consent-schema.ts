// The 利用規約 consent form: the checkbox and the version the member was shown.
import { z } from "zod";

export const TERMS_AGREE_MESSAGE = "内容をご確認のうえ、「利用規約に同意する」にチェックしてください。";

export const consentSchema = z.object({
  agree: z.literal("on", { error: TERMS_AGREE_MESSAGE }),
  termsVersionId: z
    .string({ error: "利用規約の版が指定されていません。" })
    .regex(/^\d{1,9}$/, "利用規約の版が正しくありません。")
    .transform(Number),
});
