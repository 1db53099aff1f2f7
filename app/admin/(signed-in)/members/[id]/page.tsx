import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, tdClass } from "@/app/admin/(signed-in)/_components/admin-ui";
import { getDb } from "@/db";
import { adminReason } from "@/lib/admin/audit/search";
import { deviceOf, jst } from "@/lib/admin/format";
import { eventLabel, LOGIN_RESULTS } from "@/lib/admin/labels";
import { memberDetail } from "@/lib/admin/members/detail";
import { requireAdmin } from "@/lib/admin/require-admin";
import { systemClock } from "@/lib/clock";
import { MemberActionForm } from "./action-form";

export const metadata: Metadata = { title: "加入者の詳細" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th scope="row" className="w-48 border-b border-solid-gray-200 px-3 py-2 text-left font-bold">
        {label}
      </th>
      <td className={tdClass}>{children}</td>
    </tr>
  );
}

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const scope = await requireAdmin();
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const detail = await memberDetail(await getDb(), scope, Number(id));
  if (!detail) notFound();
  const { entry, union, dependents, account, currentTerms } = detail;
  const now = systemClock.now();
  const member = account?.member;
  const locked = member?.lockedUntil && member.lockedUntil > now ? member.lockedUntil : null;

  return (
    <div className="space-y-8">
      <div>
        <p>
          <Link href="/admin/members" className="text-blue-900 underline">
            加入者の検索に戻る
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">
          {entry.name}({entry.symbol}-{entry.number})
        </h1>
        <p className="text-sm text-solid-gray-700">{union.name}</p>
      </div>

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="roster" className="space-y-2">
          <h2 id="roster" className="text-xl font-bold">名簿</h2>
          <table className="w-full border-collapse">
            <tbody>
              <Row label="記号・番号・枝番">{entry.symbol}-{entry.number}-{entry.branch}</Row>
              <Row label="氏名">{entry.name}</Row>
              <Row label="氏名(カナ)">{entry.kanaName}</Row>
              <Row label="生年月日">{entry.birthDate}</Row>
              <Row label="性別">{entry.sex === "M" ? "男" : entry.sex === "F" ? "女" : "—"}</Row>
              <Row label="名簿の状態">{entry.active ? "有効" : "無効(最新の名簿にありません)"}</Row>
            </tbody>
          </table>
        </section>

        <section aria-labelledby="account" className="space-y-2">
          <h2 id="account" className="text-xl font-bold">アカウント</h2>
          {!member ? (
            <p>まだ登録されていません(ユーザーIDは作成されていません)。</p>
          ) : (
            <table className="w-full border-collapse">
              <tbody>
                <Row label="登録">{jst(member.createdAt)} に登録済み</Row>
                <Row label="ユーザーID">{member.userId}</Row>
                <Row label="メールアドレス">{member.email}</Row>
                <Row label="利用規約">
                  {account.consent
                    ? `第${account.consent.version}版に同意(${jst(account.consent.consentedAt)})${currentTerms && account.consent.version < currentTerms.version ? `・最新の第${currentTerms.version}版には未同意` : ""}`
                    : "未同意"}
                </Row>
                <Row label="ロック">{locked ? `ロック中(${jst(locked)} まで)` : `なし(連続失敗 ${member.failedLogins} 回)`}</Row>
                <Row label="利用停止">{member.disabledAt ? `利用停止中(${jst(member.disabledAt)} から)` : "なし"}</Row>
                <Row label="最終ログイン">{jst(member.lastLoginAt)}</Row>
                <Row label="ログイン中の端末">
                  {account.liveSessions.length === 0 ? "なし" : account.liveSessions.map((s) => `${deviceOf(s.userAgent)}(${jst(s.lastSeenAt)} 最終操作)`).join("、")}
                </Row>
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section aria-labelledby="dependents" className="space-y-2">
        <h2 id="dependents" className="text-xl font-bold">被扶養者</h2>
        {dependents.length === 0 ? (
          <p>名簿に被扶養者はいません。</p>
        ) : (
          <DataTable
            caption="被扶養者"
            rows={dependents}
            rowKey={(d) => d.id}
            columns={[
              { header: "枝番", cell: (d) => d.branch },
              { header: "氏名", cell: (d) => d.name },
              { header: "氏名(カナ)", cell: (d) => d.kanaName },
              { header: "生年月日", cell: (d) => d.birthDate },
              { header: "続柄", cell: (d) => d.relationship },
              { header: "名簿の状態", cell: (d) => (d.active ? "有効" : "無効") },
            ]}
          />
        )}
      </section>

      {member && (
        <section aria-labelledby="actions" className="space-y-3">
          <h2 id="actions" className="text-xl font-bold">操作</h2>
          <p className="text-sm">どの操作も理由を入力してください。理由は監査ログに記録されます。</p>
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            <MemberActionForm kind="unlock" label="ロック解除" description="ログインの連続失敗によるロックを解除します。" memberId={member.id} rosterEntryId={entry.id} />
            <MemberActionForm kind="logout" label="ログアウトさせる" description="ログイン中のすべての端末をログアウトさせます。" memberId={member.id} rosterEntryId={entry.id} />
            <MemberActionForm kind="notify_user_id" label="ユーザーIDを通知" description="登録メールアドレスにユーザーIDをメールで送ります。" memberId={member.id} rosterEntryId={entry.id} />
            {/* One slot (one key): after 利用停止 the same form turns into 利用再開 and keeps its message. */}
            {member.disabledAt ? (
              <MemberActionForm key="availability" kind="enable" label="利用再開" description="利用停止を解除し、ログインできるようにします。" memberId={member.id} rosterEntryId={entry.id} />
            ) : (
              <MemberActionForm key="availability" kind="disable" label="利用停止" description="ログインできないようにし、ログイン中の端末もログアウトさせます。" memberId={member.id} rosterEntryId={entry.id} danger />
            )}
          </div>
        </section>
      )}

      {account && (
        <section aria-labelledby="logins" className="space-y-2">
          <h2 id="logins" className="text-xl font-bold">ログイン履歴(新しい順、最大50件)</h2>
          {account.logins.length === 0 ? (
            <p>ログインの記録はありません。</p>
          ) : (
            <DataTable
              caption="ログイン履歴"
              rows={account.logins}
              rowKey={(l) => l.id}
              columns={[
                { header: "日時(日本時間)", cell: (l) => jst(l.createdAt) },
                { header: "結果", cell: (l) => LOGIN_RESULTS[l.result] ?? l.result },
                { header: "IPアドレス", cell: (l) => l.ip ?? "—" },
                { header: "端末", cell: (l) => deviceOf(l.userAgent) },
              ]}
            />
          )}
        </section>
      )}

      {account && (
        <section aria-labelledby="events" className="space-y-2">
          <h2 id="events" className="text-xl font-bold">監査ログ(新しい順、最大50件)</h2>
          <p>
            <Link href={`/admin/audit?member=${member!.id}`} className="text-blue-900 underline">
              この加入者の監査ログをすべて見る
            </Link>
          </p>
          {account.events.length === 0 ? (
            <p>記録はありません。</p>
          ) : (
            <DataTable
              caption="監査ログ"
              rows={account.events}
              rowKey={(e) => e.id}
              columns={[
                { header: "日時(日本時間)", cell: (e) => jst(e.at) },
                { header: "内容", cell: (e) => eventLabel(e.event) },
                { header: "操作した人", cell: (e) => (e.actorType === "admin" ? `管理者 #${e.actorId}` : e.actorType === "member" ? "本人" : "システム") },
                { header: "IPアドレス", cell: (e) => e.ip ?? "—" },
                { header: "理由", cell: (e) => adminReason(e) ?? "—" },
              ]}
            />
          )}
        </section>
      )}
    </div>
  );
}
