import { z } from "zod";

// Shared by the browser and the server: no database imports here.
export const MEMBER_ACTIONS = ["unlock", "logout", "disable", "enable", "notify_user_id"] as const;
export type MemberActionKind = (typeof MEMBER_ACTIONS)[number];

/** What the browser checks before posting: a reason is required. */
export const reasonSchema = z.object({
  reason: z
    .string({ error: "理由を入力してください。" })
    .trim()
    .min(1, "理由を入力してください。")
    .max(500, "理由は500文字以内で入力してください。"),
});

/** What the action trusts after parsing; the ids are still only a request, checked against the scope. */
export const memberActionSchema = reasonSchema.extend({
  kind: z.enum(MEMBER_ACTIONS),
  memberId: z.coerce.number().int().positive(),
  rosterEntryId: z.coerce.number().int().positive(),
});
