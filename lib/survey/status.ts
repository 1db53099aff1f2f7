// Response statuses (stored as English codes) and the words members and admins see.
export const RESPONSE_STATUSES = ["not_started", "in_progress", "submitted", "returned", "approved"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export const STATUS_LABELS: Record<ResponseStatus, string> = {
  not_started: "未回答",
  in_progress: "回答中",
  submitted: "提出済み",
  returned: "差し戻し",
  approved: "確認完了",
};

/** The member may change answers only while answering, or after the union sent them back. */
export const EDITABLE_STATUSES: readonly ResponseStatus[] = ["not_started", "in_progress", "returned"];
export const isEditable = (status: string) => (EDITABLE_STATUSES as readonly string[]).includes(status);

export const OUTCOMES = { continue: "継続", remove: "削除", missing_documents: "書類不足" } as const;
export type Outcome = keyof typeof OUTCOMES;

export type TaskState = "not_started" | "in_progress" | "done";
export const TASK_LABELS: Record<TaskState, string> = { not_started: "未着手", in_progress: "入力中", done: "完了" };
