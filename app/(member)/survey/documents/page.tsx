import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { myNumberDeletions } from "@/lib/uploads/deleted-by-union";
import { filesForResponse } from "@/lib/uploads/files-for-response";
import { filesLocked } from "@/lib/uploads/upload-target";
import { systemClock } from "@/lib/clock";
import { memberSurvey } from "../_components/load";
import { MyNumberNotice } from "../_components/my-number-notice";
import { BackToHub, ReturnedNotice } from "../_components/parts";
import { SlotList } from "../_components/slot-list";
import { DocumentsReadForm } from "./read-form";

export const metadata: Metadata = { title: "提出する書類" };

export default async function DocumentsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { survey: s } = await memberSurvey();
  if (!s) notFound();
  const db = await getDb();
  const [files, deletions, searchParams] = await Promise.all([filesForResponse(db, s.response.id), myNumberDeletions(db, s.response.id), props.searchParams]);
  // The same rule the upload route applies: closed once approved, or the survey closed (unless the union reopened this case).
  const uploadable = !filesLocked(s.status, s.survey.status, { reopenedUntil: s.response.reopenedUntil, now: systemClock.now() });
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">提出する書類</h1>
      {s.status === "returned" && <ReturnedNotice reason={s.response.returnedReason} />}
      <MyNumberNotice deletions={deletions} names={new Map(s.dependents.map((d) => [d.entry.id, d.entry.name]))} link={false} uploadable={uploadable} />
      <p>回答の内容から、次の書類が必要です。スマートフォンのカメラで撮影するか、ファイルを選んで提出してください(JPEG・PNG・HEIC・PDF、1ファイル10MBまで)。</p>
      <p className="rounded-lg border-l-4 border-blue-900 bg-blue-50 p-3 font-bold">マイナンバー(個人番号)が写っている書類は、その部分を隠してから撮影してください。</p>
      {s.dependents.map((d) => (
        <section key={d.entry.id} aria-labelledby={`docs-${d.entry.id}`} className="space-y-2">
          <h2 id={`docs-${d.entry.id}`} className="text-lg font-bold">
            {d.entry.name} 様
          </h2>
          {d.state !== "done" && <p className="text-sm">この方の回答がまだ終わっていないため、書類が変わることがあります。</p>}
          <SlotList slots={d.documents} responseId={s.response.id} dependentEntryId={d.entry.id} editable={uploadable} files={files} searchParams={searchParams} />
        </section>
      ))}
      {s.editable ? <DocumentsReadForm read={s.response.documentsReadAt != null} /> : <p className="rounded-lg bg-solid-gray-50 p-3">{s.response.documentsReadAt ? "書類の一覧は確認済みです。" : "回答期間外です。"}</p>}
      <BackToHub />
    </section>
  );
}
