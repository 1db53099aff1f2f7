export const SURVEY_STATUS_LABELS: Record<string, string> = { draft: "下書き", open: "実施中", closed: "終了" };
