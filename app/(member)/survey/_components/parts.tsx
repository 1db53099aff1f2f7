// Small pieces the survey pages share.
import Link from "next/link";
import type { ReactNode } from "react";
import { STATUS_LABELS, TASK_LABELS, type ResponseStatus, type TaskState } from "@/lib/survey/status";

const TASK_CLASS: Record<TaskState, string> = {
  not_started: "bg-solid-gray-100 text-solid-gray-800",
  in_progress: "border border-blue-900 bg-white text-blue-900",
  done: "bg-green-50 text-success-2",
};

export function TaskBadge({ state }: { state: TaskState }) {
  return <span className={`shrink-0 rounded px-2 py-1 text-sm font-bold ${TASK_CLASS[state]}`}>{TASK_LABELS[state]}</span>;
}

export function StatusBadge({ status }: { status: ResponseStatus }) {
  return <strong className="rounded bg-blue-100 px-2 py-1 text-blue-1000">{STATUS_LABELS[status]}</strong>;
}

export function BackToHub() {
  return (
    <Link href="/survey" className="inline-block py-2 text-blue-900 underline">
      調査のトップに戻る
    </Link>
  );
}

export function Caption({ children }: { children: ReactNode }) {
  return <p className="text-sm font-bold text-solid-gray-700">{children}</p>;
}

export function ReturnedNotice({ reason }: { reason: string | null }) {
  return (
    <div role="alert" className="rounded-lg border-2 border-error-1 bg-red-50 p-4">
      <p className="font-bold text-error-2">健康保険組合から差し戻されました。内容を直して、もう一度提出してください。</p>
      {reason && (
        <p className="mt-2 whitespace-pre-wrap">
          <span className="font-bold">差し戻しの理由:</span> {reason}
        </p>
      )}
    </div>
  );
}
