// /admin/surveys.csv on both databases, called as Next would call the route: one row per target
// dependent with answers, status, outcome and reviewer; UTF-8 with BOM or Shift_JIS; formula-safe;
// scoped (another union's survey id: 404, nothing exported) and audited.
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { testClock } from "@/lib/clock";
import type { AdminScope } from "@/lib/admin/scope";
import { decideResponse } from "@/lib/survey/admin-review";
import { createDraftSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { SURVEY_HEADER } from "@/lib/survey/export";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const state = vi.hoisted(() => ({ db: undefined as unknown, scope: null as AdminScope | null }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/admin/require-admin", () => ({ adminScopeFromRequest: async () => state.scope }));
const route = await import("@/app/admin/(signed-in)/surveys.csv/route");

const NOW = "2026-12-05T03:00:00Z";

describeEachDatabase("survey export", (t) => {
  it("exports one row per dependent with answers and outcomes, in UTF-8 with BOM and Shift_JIS, formula-safe, scoped and audited", async () => {
    state.db = t.db;
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fam = await createFamily(t.db, clock, union.id, [
      { birthDate: "2006-04-02", relationship: "子", name: "=HYPERLINK(1)" },
      { birthDate: "1985-01-01", relationship: "妻" },
    ]);
    const lonely = await createFamily(t.db, clock, union.id, [{ birthDate: "2010-01-01", relationship: "子" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    const [child, wife] = fam.dependents;
    await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: child.id, answers: { continuation: "continue", occupation: "student", annualIncome: 300_000, incomeKinds: ["salary", "other"], residence: "apart", monthlyRemittance: 50_000, remittanceMethod: "transfer" }, rosterCorrection: null });
    await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: wife.id, answers: { continuation: "remove", removalReason: "job", removalDate: "2026-11-01" }, rosterCorrection: null });
    await setDocumentsRead(t.db, clock, fam.ref, true);
    const s = (await loadMemberSurvey(t.db, clock, fam.ref))!;
    expect((await submitResponse(t.db, clock, fam.ref, { version: s.response.version })).ok).toBe(true);
    const v = (await loadMemberSurvey(t.db, clock, fam.ref))!.response.version;
    expect(await decideResponse(t.db, clock, scope, { surveyId: made.survey.id, responseId: s.response.id, version: v, decision: "approve", outcomes: { [child.id]: { outcome: "continue" }, [wife.id]: { outcome: "remove", removalDate: "2026-11-01" } } })).toMatchObject({ ok: true });

    state.scope = scope;
    const res = await route.GET(new Request(`http://localhost/admin/surveys.csv?survey=${made.survey.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString("utf8"));
    expect(rows[0]).toEqual(SURVEY_HEADER);
    const col = (name: string) => SURVEY_HEADER.indexOf(name);
    const byBranch = Object.fromEntries(rows.slice(1).map((r) => [`${r[col("番号")]}-${r[col("枝番")]}`, r]));
    expect(rows).toHaveLength(4);
    const c = byBranch[`${child.number}-01`];
    expect(c[col("氏名")]).toBe("'=HYPERLINK(1)");
    expect([c[col("状況")], c[col("扶養の継続")], c[col("職業")], c[col("年間収入見込額")], c[col("収入の種類")], c[col("同居・別居")], c[col("仕送り額(月額)")], c[col("送金方法")], c[col("結果")], c[col("確認者")], c[col("確認日時")]]).toEqual([
      "確認完了", "続ける", "学生", "300000", "給与・その他", "別居", "50000", "振込", "継続", scope.admin.loginId, "2026-12-05 12:00:00",
    ]);
    const w = byBranch[`${wife.number}-02`];
    expect([w[col("続柄")], w[col("扶養の継続")], w[col("外す理由")], w[col("外す日")], w[col("結果")], w[col("削除日")]]).toEqual(["妻", "外す", "就職", "2026-11-01", "削除", "2026-11-01"]);
    const l = byBranch[`${lonely.dependents[0].number}-01`];
    expect([l[col("状況")], l[col("アカウント")], l[col("結果")]]).toEqual(["未回答", "あり", ""]);

    const sjis = await route.GET(new Request(`http://localhost/admin/surveys.csv?survey=${made.survey.id}&encoding=sjis`));
    expect(sjis.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const sjisRows: string[][] = parse(iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932"));
    expect(sjisRows).toEqual(rows);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.exported"), eq(auditLog.target, "surveys.csv"), eq(auditLog.unionId, union.id)));
    expect(audits).toHaveLength(2);

    // Another union's admin: 404 and no audit row for this union; no session: 404.
    const other = await unionWithAdmin(t.db);
    state.scope = other.scope;
    expect((await route.GET(new Request(`http://localhost/admin/surveys.csv?survey=${made.survey.id}`))).status).toBe(404);
    expect((await route.GET(new Request("http://localhost/admin/surveys.csv?survey=abc"))).status).toBe(404);
    state.scope = null;
    expect((await route.GET(new Request(`http://localhost/admin/surveys.csv?survey=${made.survey.id}`))).status).toBe(404);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.exported"), eq(auditLog.target, "surveys.csv"), eq(auditLog.unionId, union.id)))).toHaveLength(2);
  });
});
