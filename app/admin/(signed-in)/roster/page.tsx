import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { getUpload, importHistory, type Upload } from "@/lib/admin/roster-uploads";
import { rosterPageUrl } from "@/lib/admin/roster-url";
import { isOperator, selectedUnion } from "@/lib/admin/scope-params";
import { unionChoices } from "@/lib/admin/unions";
import { jst, num, PageTitle, tableClass, tdClass, thClass } from "../_components/admin-ui";
import { UnionPicker } from "../_components/union-picker";
import { ImportForm, UploadForm } from "./roster-forms";

export const metadata: Metadata = { title: "名簿" };

const ENCODINGS: Record<string, string> = { "utf-8-bom": "UTF-8(BOM 付き)", "utf-8": "UTF-8", cp932: "Shift_JIS" };

type Search = Promise<{ union?: string; upload?: string; error?: string }>;

function CheckResult({ upload, unionId }: { upload: Upload; unionId: number }) {
  if (upload.status === "invalid") {
    const errors = upload.errors ?? [];
    const count = upload.errorCount ?? errors.length;
    return (
      <section aria-labelledby="check-title" className="space-y-3 rounded-lg border-2 border-error-1 p-4">
        <h2 id="check-title" className="text-lg font-bold text-error-2">
          「{upload.fileName}」にはエラーが {num(count)} 件あります。名簿は取り込まれていません。
        </h2>
        <p>ファイルを直して、もう一度「確認」からやり直してください。{count > errors.length && `最初の ${num(errors.length)} 件を表示しています。`}</p>
        <ol className="max-h-96 list-none space-y-1 overflow-y-auto font-mono text-sm" aria-label="エラーの一覧">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ol>
      </section>
    );
  }
  if (upload.status === "checked" || upload.status === "imported") {
    const imported = upload.status === "imported";
    return (
      <section aria-labelledby="check-title" className="space-y-3 rounded-lg border-2 border-solid-gray-300 p-4">
        <h2 id="check-title" className="text-lg font-bold">
          {imported ? `「${upload.fileName}」を取り込みました` : `「${upload.fileName}」を確認しました。エラーはありません`}
        </h2>
        <table className={tableClass}>
          <caption className="sr-only">{imported ? "取り込みの結果" : "取り込むと次のようになります"}</caption>
          <tbody>
            <tr><th scope="row" className={thClass}>行数</th><td className={tdClass}>{num(upload.rows)}</td></tr>
            <tr><th scope="row" className={thClass}>新規</th><td className={tdClass}>{num(upload.inserted)}</td></tr>
            <tr><th scope="row" className={thClass}>変更</th><td className={tdClass}>{num(upload.updated)}</td></tr>
            <tr><th scope="row" className={thClass}>変更なし</th><td className={tdClass}>{num(upload.unchanged)}</td></tr>
            <tr><th scope="row" className={thClass}>無効になる人</th><td className={tdClass}>{upload.replace ? num(upload.deactivated) : "—(名簿にない人を無効にしない)"}</td></tr>
            <tr><th scope="row" className={thClass}>文字コード</th><td className={tdClass}>{ENCODINGS[upload.encoding ?? ""] ?? upload.encoding}</td></tr>
          </tbody>
        </table>
        {!imported && <ImportForm action="/admin/roster/import" uploadId={upload.id} totalRows={upload.rows ?? 0} />}
        {imported && <p><a className="text-blue-900 underline" href={rosterPageUrl(unionId)}>別のファイルを取り込む</a></p>}
      </section>
    );
  }
  const pending: Record<string, string> = {
    uploaded: "確認を待っています。",
    checking: "確認中です。しばらくしてからページを再読み込みしてください。",
    importing: "取り込み中です。しばらくしてからページを再読み込みしてください。",
    failed: "処理中に問題が起きたため、名簿は取り込まれていません。もう一度「確認」からやり直してください。",
    expired: "時間が経ったため、このファイルは削除されました。もう一度アップロードしてください。",
  };
  return (
    <p role="status" className="rounded-lg border-2 border-solid-gray-300 p-4">
      「{upload.fileName}」: {pending[upload.status] ?? upload.status}
    </p>
  );
}

export default async function RosterPage({ searchParams }: { searchParams: Search }) {
  const scope = await requireAdmin();
  const sp = await searchParams;
  const unionId = selectedUnion(scope, sp.union);
  if (unionId === null) notFound();
  const db = await getDb();
  const upload = sp.upload ? await getUpload(db, scope, sp.upload) : null;
  if (sp.upload && (!upload || upload.unionId !== unionId)) notFound();
  const [history, choices] = await Promise.all([importHistory(db, scope, unionId), unionChoices(db, scope)]);
  const union = choices.find((c) => c.id === unionId)!;

  return (
    <div className="space-y-8">
      <PageTitle sub={`${union.name}(${union.code})の名簿を CSV ファイルから取り込みます。取り込む前に、ファイル全体を確認します。`}>名簿</PageTitle>
      {isOperator(scope) && <UnionPicker action="/admin/roster" choices={choices} selected={unionId} />}
      {upload && <CheckResult upload={upload} unionId={unionId} />}
      {(!upload || upload.status !== "checked") && (
        <section aria-labelledby="upload-title" className="space-y-3">
          <h2 id="upload-title" className="text-lg font-bold">ファイルを選ぶ</h2>
          <UploadForm action={`/admin/roster/upload?union=${unionId}`} initialError={sp.error} />
        </section>
      )}
      <section aria-labelledby="history-title" className="space-y-3">
        <h2 id="history-title" className="text-lg font-bold">取り込みの履歴</h2>
        {history.length === 0 ? (
          <p>まだ取り込んだ名簿はありません。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={tableClass}>
              <thead>
                <tr>
                  {["日時", "担当者", "ファイル名", "文字コード", "行数", "新規", "変更", "変更なし", "無効にした人"].map((h) => (
                    <th key={h} scope="col" className={thClass}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className={tdClass}>{jst(h.createdAt)}</td>
                    <td className={tdClass}>{h.adminLoginId ?? "CLI"}</td>
                    <td className={tdClass}>{h.fileName}</td>
                    <td className={tdClass}>{ENCODINGS[h.encoding] ?? h.encoding}</td>
                    <td className={tdClass}>{num(h.rows)}</td>
                    <td className={tdClass}>{num(h.inserted)}</td>
                    <td className={tdClass}>{num(h.updated)}</td>
                    <td className={tdClass}>{num(h.unchanged)}</td>
                    <td className={tdClass}>{h.replace ? num(h.deactivated) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
