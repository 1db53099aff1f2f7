// Japanese names for what the audit log and login history record.
export const LOGIN_RESULTS: Record<string, string> = {
  ok: "成功",
  bad_password: "失敗(パスワード)",
  bad_code: "失敗(確認コード)",
  used_code: "失敗(使用済みの確認コード)",
  unknown_user: "失敗(IDなし)",
  locked: "ロック中",
  throttled: "制限中",
  disabled: "利用停止中",
  inactive: "利用不可",
  closed: "終了したアカウント",
};

export { AUDIT_EVENTS, eventLabel } from "@/lib/audit-events";
