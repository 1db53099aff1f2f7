import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { systemClock } from "@/lib/clock";
import { findSurvey, listTargets, previewRule, relationshipsOf, surveyIdParam, surveyIsCurrent, targetCounts, type Survey, type TargetRow } from "@/lib/survey/admin-surveys";
import { fiscalYearOf } from "@/lib/survey/open-survey";
import { atRisk, daysLeft, filteredTotal, PROGRESS_FILTERS, progressByDay, progressCounts, progressList, progressParams, rate, type ProgressFilter } from "@/lib/survey/progress";
import { previewReminderRound } from "@/lib/survey/reminders";
import { parseRule } from "@/lib/survey/rule-params";
import { RESPONSE_STATUSES, STATUS_LABELS } from "@/lib/survey/status";
import { Pagination } from "@/app/admin/_components/pagination";
import { jst, num, PageTitle, tableClass, tdClass, thClass } from "../../_components/admin-ui";
import { AddTargetForm, ButtonForm, NextYearForm, RemoveTargetForm } from "../forms";
import { ProgressChart } from "./progress-chart";
import { SURVEY_STATUS_LABELS } from "../labels";

export const metadata: Metadata = { title: "調査の詳細" };

type Params = Record<string, string | string[] | undefined>;

const FILTER_LABELS: Record<ProgressFilter, string> = { ...STATUS_LABELS, no_account: "アカウント未登録" };

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-solid-gray-300 p-4">
      <dt className="text-sm font-bold text-solid-gray-700">{label}</dt>
      <dd className="text-2xl font-bold">{value}</dd>
      {note && <dd className="text-sm text-solid-gray-700">{note}</dd>}
    </div>
  );
}

/** The same day a year later (29 Feb → 28 Feb). */
function nextYearDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export default async function SurveyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const scope = await requireAdmin();
  const db = await getDb();
  const survey = await findSurvey(db, scope, surveyIdParam((await params).id));
  if (!survey) notFound();
  const query = await searchParams;
  const current = await surveyIsCurrent(db, survey);
  return (
    <div className="space-y-8">
      <PageTitle sub={`${survey.fiscalYear}年度 ・ ${SURVEY_STATUS_LABELS[survey.status] ?? survey.status}`}>{survey.title}</PageTitle>
      <p>
        <Link className="text-blue-900 underline" href="/admin/surveys">
          調査の一覧へ戻る
        </Link>
      </p>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 lg:grid-cols-4">
        <div>
          <dt className="text-sm font-bold">回答期間(日本時間)</dt>
          <dd>
            {survey.opensOn} 〜 {survey.closesOn}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-bold">基準日</dt>
          <dd>{survey.baseDate}</dd>
        </div>
        <div>
          <dt className="text-sm font-bold">督促日</dt>
          <dd>{survey.reminderDates.length ? survey.reminderDates.join("、") : "なし"}</dd>
        </div>
        <div>
          <dt className="text-sm font-bold">作成</dt>
          <dd>{jst(survey.createdAt)}</dd>
        </div>
      </dl>
      {query.created === "next" && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          次年度の調査を下書きとして作成しました。
          {typeof query.closed === "string" && /^\d+$/.test(query.closed) ? `会員のアカウント ${num(Number(query.closed))} 件を閉じました。会員はもう一度アカウントを作成します。` : "会員のアカウントは引き継がれます。"}
        </p>
      )}
      {!current && (
        <p role="note" className="rounded-lg border-2 border-solid-gray-600 bg-solid-gray-50 p-3 font-bold">
          過去の年度の調査です。回答と結果は閲覧できますが、変更はできません。
        </p>
      )}
      {survey.status === "draft" ? <Setup survey={survey} query={query} /> : <Progress survey={survey} query={query} current={current} />}
    </div>
  );
}

async function Setup({ survey, query }: { survey: Survey; query: Params }) {
  const scope = await requireAdmin();
  const db = await getDb();
  const wantsPreview = query.preview === "1";
  const rule = wantsPreview ? parseRule({ ageFrom: query.ageFrom, ageTo: query.ageTo, rel: query.rel }) : null;
  const [counts, relationships, targets, preview] = await Promise.all([
    targetCounts(db, survey.id),
    relationshipsOf(db, survey.unionId),
    listTargets(db, survey.id, { limit: 200, offset: 0 }),
    rule ? previewRule(db, scope, survey.id, rule) : Promise.resolve(null),
  ]);
  const checked = new Set(rule?.relationships ?? []);
  return (
    <>
      <section aria-labelledby="targets-now" className="space-y-3">
        <h2 id="targets-now" className="text-lg font-bold">
          いまの対象者
        </h2>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Stat label="対象の被扶養者" value={num(counts.dependents)} />
          <Stat label="被保険者(メールの宛先)" value={num(counts.insured)} />
          <Stat label="アカウントあり" value={num(counts.withAccount)} note="開始するとメールが届きます" />
          <Stat label="アカウントなし" value={num(counts.withoutAccount)} note="紙でのご案内が必要です" />
        </dl>
      </section>
      <section aria-labelledby="targets-rule" className="space-y-3">
        <h2 id="targets-rule" className="text-lg font-bold">
          条件で対象者を決める
        </h2>
        <form method="get" className="space-y-3">
          <input type="hidden" name="preview" value="1" />
          <div className="flex flex-wrap gap-4">
            <div>
              <label htmlFor="rule-from" className="block font-bold">
                基準日の年齢(から)
              </label>
              <input id="rule-from" name="ageFrom" inputMode="numeric" maxLength={3} defaultValue={rule?.ageFrom ?? ""} className="w-24 rounded-lg border border-solid-gray-600 px-3 py-2" />
            </div>
            <div>
              <label htmlFor="rule-to" className="block font-bold">
                基準日の年齢(まで)
              </label>
              <input id="rule-to" name="ageTo" inputMode="numeric" maxLength={3} defaultValue={rule?.ageTo ?? ""} className="w-24 rounded-lg border border-solid-gray-600 px-3 py-2" />
            </div>
          </div>
          <fieldset>
            <legend className="font-bold">続柄(選ばなければすべて)</legend>
            <div className="flex flex-wrap gap-4">
              {relationships.map((r) => (
                <label key={r} className="flex items-center gap-1">
                  <input type="checkbox" name="rel" value={r} defaultChecked={checked.has(r)} />
                  {r}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50">
            人数を確かめる
          </button>
        </form>
        {wantsPreview && !rule && (
          <p role="alert" className="font-bold text-error-1">
            年齢は 0〜150 の整数で、「から」は「まで」以下にしてください。
          </p>
        )}
        {rule && preview && (
          <div className="space-y-2 rounded-lg border-2 border-blue-900 p-4">
            <p aria-live="polite">
              この条件の対象:被扶養者 <strong>{num(preview.dependents)}</strong> 人(被保険者 {num(preview.insured)} 人)
            </p>
            <ButtonForm action="applyRule" surveyId={survey.id} label="この条件で対象者を決める" hidden={{ ageFrom: rule.ageFrom === null ? "" : String(rule.ageFrom), ageTo: rule.ageTo === null ? "" : String(rule.ageTo), rel: rule.relationships }} />
            <p className="text-sm text-solid-gray-700">手で追加した方・手で外した方はそのまま残ります。</p>
          </div>
        )}
      </section>
      <section aria-labelledby="targets-add" className="space-y-3">
        <h2 id="targets-add" className="text-lg font-bold">
          1 人ずつ追加する
        </h2>
        <AddTargetForm surveyId={survey.id} />
      </section>
      <section aria-labelledby="targets-list" className="space-y-3">
        <h2 id="targets-list" className="text-lg font-bold">
          対象者の一覧
        </h2>
        <TargetsTable survey={survey} targets={targets} editable />
      </section>
      <section aria-labelledby="survey-open" className="space-y-3">
        <h2 id="survey-open" className="text-lg font-bold">
          調査を開始する
        </h2>
        <p>
          開始すると、アカウントのある被保険者 {num(counts.withAccount)} 人に開始のメールを 1 通ずつ送ります。アカウントのない {num(counts.withoutAccount)} 人には紙でご案内ください。開始後は条件での選び直しはできません(1 人ずつの追加・除外はできます)。
        </p>
        <ButtonForm action="open" surveyId={survey.id} label="調査を開始する" />
      </section>
    </>
  );
}

function TargetsTable({ survey, targets, editable }: { survey: Survey; targets: TargetRow[]; editable: boolean }) {
  return (
    <>
      {targets.length === 200 && <p className="text-sm">先頭の 200 人を表示しています。</p>}
      <table className={tableClass}>
        <thead>
          <tr>
            <th scope="col" className={thClass}>記号・番号・枝番</th>
            <th scope="col" className={thClass}>氏名</th>
            <th scope="col" className={thClass}>続柄</th>
            <th scope="col" className={thClass}>生年月日</th>
            <th scope="col" className={thClass}>選び方</th>
            <th scope="col" className={thClass}>操作</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.id}>
              <td className={tdClass}>
                {t.symbol}-{t.number}-{t.branch}
              </td>
              <td className={tdClass}>{t.name}</td>
              <td className={tdClass}>{t.relationship}</td>
              <td className={tdClass}>{t.birthDate}</td>
              <td className={tdClass}>{t.removedAt ? `外した(${t.removedReason ?? ""})` : t.addedBy === "manual" ? "手で追加" : "条件"}</td>
              <td className={tdClass}>{editable && !t.removedAt ? <RemoveTargetForm surveyId={survey.id} targetId={t.id} name={t.name} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** `?target=01-jvc0211` (or with a space): one household's targets on the open survey's page. */
function householdParam(raw: string | string[] | undefined): { symbol: string; number: string } | null {
  const text = (Array.isArray(raw) ? raw[0] : raw)?.normalize("NFKC").trim() ?? "";
  const m = /^([0-9A-Za-z]{1,20})[\s\-‐ー－]+([0-9A-Za-z-]{1,20})$/.exec(text);
  return m ? { symbol: m[1], number: m[2] } : null;
}

async function Progress({ survey, query, current }: { survey: Survey; query: Params; current: boolean }) {
  const db = await getDb();
  const p = progressParams.parse(query);
  const now = systemClock.now();
  const editable = current && survey.status === "open";
  const counts = await progressCounts(db, survey.id);
  const household = householdParam(query.target);
  const [list, remindable, days, targets] = await Promise.all([
    progressList(db, survey.id, p, filteredTotal(counts, p)),
    previewReminderRound(db, survey, now),
    progressByDay(db, survey, now),
    editable ? listTargets(db, survey.id, { limit: 200, offset: 0, ...(household ? { household: { unionId: survey.unionId, ...household } } : { changed: true }) }) : Promise.resolve([]),
  ]);
  const left = daysLeft(survey, systemClock.now());
  const reminded = typeof query.reminded === "string" && /^\d+$/.test(query.reminded) ? Number(query.reminded) : null;
  const opened = typeof query.opened === "string" && /^\d+$/.test(query.opened) ? Number(query.opened) : null;
  const hrefFor = (page: number) => {
    const sp = new URLSearchParams();
    if (p.status) sp.set("status", p.status);
    if (p.q) sp.set("q", p.q);
    sp.set("page", String(page));
    return `/admin/surveys/${survey.id}?${sp}`;
  };
  return (
    <>
      {opened !== null && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          調査を開始しました。開始のメールを {num(opened)} 通送信待ちにしました。
        </p>
      )}
      {reminded !== null && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          督促のメールを {num(reminded)} 通送信待ちにしました。
        </p>
      )}
      <section aria-labelledby="progress-title" className="space-y-3">
        <h2 id="progress-title" className="text-lg font-bold">
          進み具合
        </h2>
        <p>{survey.status === "open" ? (left > 0 ? `締切まであと ${left} 日(${survey.closesOn} まで)` : "締切を過ぎました") : "この調査は終了しました。会員は回答を変更できません。"}</p>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-6">
          {RESPONSE_STATUSES.map((s) => (
            <Stat key={s} label={STATUS_LABELS[s]} value={num(counts.byStatus[s])} note={rate(counts.byStatus[s], counts.total)} />
          ))}
          <Stat label="アカウント未登録" value={num(counts.noAccount)} note={rate(counts.noAccount, counts.total)} />
        </dl>
        <ProgressChart days={days} total={counts.total} />
      </section>
      <section aria-labelledby="progress-list" className="space-y-3">
        <h2 id="progress-list" className="text-lg font-bold">
          被保険者ごとの状況
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="filter-status" className="block font-bold">
              状況
            </label>
            <select id="filter-status" name="status" defaultValue={p.status ?? ""} className="rounded-lg border border-solid-gray-600 bg-white px-3 py-2">
              <option value="">すべて</option>
              {PROGRESS_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {FILTER_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-q" className="block font-bold">
              記号・番号・氏名(カナ)
            </label>
            <input id="filter-q" name="q" maxLength={100} defaultValue={p.q} className="rounded-lg border border-solid-gray-600 px-3 py-2" />
          </div>
          <button type="submit" className="rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50">
            絞り込む
          </button>
        </form>
        <Pagination page={list.page} pages={list.pages} total={list.total} hrefFor={hrefFor} />
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>記号・番号</th>
              <th scope="col" className={thClass}>氏名</th>
              <th scope="col" className={thClass}>状況</th>
              <th scope="col" className={thClass}>締切への注意</th>
              <th scope="col" className={thClass}>提出日時</th>
              <th scope="col" className={thClass}>アカウント</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.responseId}>
                <td className={tdClass}>
                  {r.symbol}-{r.number}
                </td>
                <td className={tdClass}>
                  <Link className="text-blue-900 underline" href={`/admin/surveys/${survey.id}/members/${r.responseId}`}>
                    {r.name}
                  </Link>
                  <span className="block text-sm text-solid-gray-700">{r.kanaName}</span>
                </td>
                <td className={tdClass}>{STATUS_LABELS[r.status] ?? r.status}</td>
                <td className={tdClass}>{survey.status === "open" && atRisk(r.status, left) ? <strong className="text-error-2">未提出・残り{left}日</strong> : "—"}</td>
                <td className={tdClass}>{jst(r.submittedAt)}</td>
                <td className={tdClass}>{r.hasAccount ? "あり" : "未登録"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="survey-csv" className="space-y-2">
        <h2 id="survey-csv" className="text-lg font-bold">
          結果の CSV
        </h2>
        <p className="text-sm text-solid-gray-700">被扶養者 1 人につき 1 行(回答・結果・確認者)。アカウント未登録の方も含みます。</p>
        <p>
          <a className="text-blue-900 underline" href={`/admin/surveys.csv?survey=${survey.id}`}>
            調査結果(UTF-8)
          </a>
          {" / "}
          <a className="text-blue-900 underline" href={`/admin/surveys.csv?survey=${survey.id}&encoding=sjis`}>
            調査結果(Shift_JIS)
          </a>
        </p>
        <p className="text-sm text-solid-gray-700">アカウント未登録の被保険者の一覧(紙でのご案内用。記号・番号・氏名・カナ・生年月日・対象の被扶養者数)。名簿に住所はないため含みません。</p>
        <p>
          <a className="text-blue-900 underline" href={`/admin/surveys/${survey.id}/no-account.csv`}>
            アカウント未登録の方(UTF-8)
          </a>
          {" / "}
          <a className="text-blue-900 underline" href={`/admin/surveys/${survey.id}/no-account.csv?encoding=sjis`}>
            アカウント未登録の方(Shift_JIS)
          </a>
        </p>
      </section>
      {editable && (
        <section aria-labelledby="targets-change" className="space-y-3">
          <h2 id="targets-change" className="text-lg font-bold">
            対象者の変更
          </h2>
          <p>追加した方の世帯には回答欄ができ、アカウントがあれば開始のメールを 1 回だけ送ります。外した方は進み具合・督促・CSV から除かれます(記録は残ります)。</p>
          <AddTargetForm surveyId={survey.id} />
          <form method="get" action={`/admin/surveys/${survey.id}`} className="flex flex-wrap items-end gap-3" role="search" aria-label="対象者を探す">
            <div className="space-y-1">
              <label htmlFor="target-household" className="block font-bold">
                外す方の記号・番号(例: 01-jvc0211)
              </label>
              <input id="target-household" name="target" defaultValue={household ? `${household.symbol}-${household.number}` : ""} className="block rounded-lg border border-solid-gray-600 bg-white px-3 py-2 text-base" />
            </div>
            <button type="submit" className="rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50">
              対象者を探す
            </button>
          </form>
          <p className="text-sm">{household ? `${household.symbol}-${household.number} の世帯の対象者です。` : "手で追加した方と外した方を表示しています。条件で選ばれた方を外すときは、記号・番号で探してください。"}</p>
          <TargetsTable survey={survey} targets={targets} editable />
        </section>
      )}
      {editable && left > 0 && (
        <section aria-labelledby="survey-remind" className="space-y-3">
          <h2 id="survey-remind" className="text-lg font-bold">
            督促のメール
          </h2>
          <p>督促日: {survey.reminderDates.length ? survey.reminderDates.join("、") : "なし"}(督促日には自動で送ります)。</p>
          <p>
            いま送ると、まだ提出していないアカウントのある被保険者 <strong>{num(remindable)}</strong> 人に 1 通ずつ送ります(今日すでに送った方には送りません)。
          </p>
          {remindable > 0 && <ButtonForm action="remind" surveyId={survey.id} label="督促のメールをいま送る" />}
        </section>
      )}
      {survey.status === "closed" && current && (
        <section aria-labelledby="survey-next" className="space-y-3">
          <h2 id="survey-next" className="text-lg font-bold">
            次年度の調査を作成
          </h2>
          <p>いまの名簿から、次の年度の調査を下書きとして作成します。この調査の回答は、作成後も閲覧できます(変更はできません)。</p>
          <NextYearForm surveyId={survey.id} defaults={{ title: `令和${fiscalYearOf(survey.opensOn) + 1 - 2018}年度 被扶養者資格調査`, opensOn: nextYearDate(survey.opensOn), closesOn: nextYearDate(survey.closesOn) }} />
        </section>
      )}
      {survey.status === "open" && current && (
        <section aria-labelledby="survey-close" className="space-y-3">
          <h2 id="survey-close" className="text-lg font-bold">
            調査を締め切る
          </h2>
          <p>締め切ると、会員は回答を変更できなくなります。締切日より前でも、いま締め切ります。</p>
          <ButtonForm action="close" surveyId={survey.id} label="いま締め切る" tone="danger" />
        </section>
      )}
    </>
  );
}
