import { describe, expect, it } from "vitest";
import { formatJapanTime, maskEmail } from "@/lib/email/format";
import { renderEmail } from "@/lib/email/render";
import { templateNames, templates, type TemplateName, type TemplateProps } from "@/lib/email/templates";

const union = {
  name: "テスト健康保険組合",
  callCenterPhone: "03-1234-5678",
  callCenterHours: "平日 9時〜17時",
  supportEmail: "help@kenpo.example.jp",
};

/** What each template must show, and the props that produce it. */
const cases: { [T in TemplateName]: { props: TemplateProps<T>; shows: string[]; ownLine?: string } } = {
  "signup-code": {
    props: { union, code: "012345", expiresAt: "2026-04-01T10:10:00Z" },
    shows: ["012345", "10分", "2026年4月1日(水) 19:10"],
    ownLine: "012345",
  },
  "password-reset-code": {
    props: { union, code: "987650", expiresAt: new Date("2026-04-01T15:00:00Z") },
    shows: ["987650", "10分", "2026年4月2日(木) 00:00"],
    ownLine: "987650",
  },
  "email-change-code": { props: { union, code: "555123" }, shows: ["555123", "10分"], ownLine: "555123" },
  "email-changed-notice": {
    props: { union, changedAt: "2026-04-01T03:04:00Z", newEmail: "hanako@example.net" },
    shows: ["2026年4月1日(水) 12:04", "h***@example.net"],
  },
  "password-changed-notice": { props: { union, changedAt: "2026-04-01T03:04:00Z" }, shows: ["2026年4月1日(水) 12:04"] },
  "account-locked": {
    props: { union, lockedUntil: "2026-04-01T14:30:00Z", failedAttempts: 10 },
    shows: ["2026年4月1日(水) 23:30", "10回", "パスワードを忘れた方"],
  },
  "forgot-user-id": { props: { union, userId: "Taro.Yamada+01" }, shows: ["Taro.Yamada+01"], ownLine: "Taro.Yamada+01" },
  "survey-receipt": {
    props: { union, surveyTitle: "令和8年度 被扶養者資格調査", submittedAt: "2026-12-10T01:30:00Z", dependents: [{ name: "健保 花子", continuation: "continue" }, { name: "健保 翔子", continuation: "remove" }] },
    shows: ["令和8年度 被扶養者資格調査", "2026年12月10日(木) 10:30", "健保 花子 様：扶養を続ける", "健保 翔子 様：扶養から外す"],
  },
  "survey-start": { props: { union, surveyTitle: "令和8年度 被扶養者資格調査", closesOn: "2027-01-31" }, shows: ["令和8年度 被扶養者資格調査", "2027年(令和9年)1月31日"] },
  "survey-returned": { props: { union, surveyTitle: "令和8年度 被扶養者資格調査", reason: "在学証明書が読み取れません", closesOn: "2027-01-31" }, shows: ["理由：在学証明書が読み取れません", "2027年(令和9年)1月31日"] },
  "survey-reminder": { props: { union, surveyTitle: "令和8年度 被扶養者資格調査", closesOn: "2027-01-31" }, shows: ["まだ確認できていません", "2027年(令和9年)1月31日"] },
  "survey-file-deleted": {
    props: { union, surveyTitle: "令和8年度 被扶養者資格調査", documents: ["在学証明書(健保 翔子 様)"], uploadAgain: true, closesOn: "2027-01-31" },
    shows: ["マイナンバー", "在学証明書(健保 翔子 様)", "もう一度アップロード", "2027年(令和9年)1月31日"],
  },
  "survey-reopened": { props: { union, surveyTitle: "令和8年度 被扶養者資格調査", until: "2027-02-15" }, shows: ["受付を再開", "2027年(令和9年)2月15日"] },
};

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("email templates", () => {
  it("has a case for every registered template", () => {
    expect(Object.keys(cases).sort()).toEqual([...templateNames].sort());
  });

  for (const name of templateNames) {
    describe(name, () => {
      const c = cases[name];
      it("renders a Japanese subject with the union's name, and html + text with the details", async () => {
        const r = await renderEmail(name, c.props as never);
        expect(r.subject).toMatch(japanese);
        expect(r.subject).toContain(union.name);
        // React separates adjacent text nodes with <!-- --> in html; a reader never sees them.
        for (const part of [r.html.replaceAll("<!-- -->", ""), r.text]) {
          for (const s of c.shows) expect(part).toContain(s);
          expect(part).toContain(union.callCenterPhone);
          expect(part).toContain(union.callCenterHours);
          expect(part).toContain(union.supportEmail);
        }
        expect(r.html).toMatch(/<html[^>]*lang="ja"/);
        for (const bad of ["undefined", "null", "NaN", "[object"]) {
          expect(r.text).not.toContain(bad);
          expect(r.html).not.toContain(bad);
          expect(r.subject).not.toContain(bad);
        }
        expect(r.text).not.toMatch(/[{}]/);
        expect(r.subject).not.toMatch(/[{}]/);
      });

      if (c.ownLine) {
        it("puts the code / user ID alone on a line of the text part", async () => {
          const r = await renderEmail(name, c.props as never);
          expect(r.text.split("\n").map((l) => l.trim())).toContain(c.ownLine);
        });
      }

      it("keeps user-typed values out of the subject", async () => {
        const r = await renderEmail(name, c.props as never);
        for (const v of ["012345", "987650", "555123", "hanako", "Taro.Yamada"]) expect(r.subject).not.toContain(v);
      });

      it("renders its PreviewProps", async () => {
        const r = await renderEmail(name, templates[name].PreviewProps as never);
        expect(r.text).toMatch(japanese);
        expect(r.text).not.toContain("undefined");
      });
    });
  }

  it("leaves out contact lines the union has not set, without printing empty values", async () => {
    const r = await renderEmail("signup-code", { union: { name: "連絡先未設定健康保険組合" }, code: "123456" });
    expect(r.text).not.toContain("コールセンター：");
    expect(r.text).toContain("健康保険組合にお問い合わせください");
    expect(r.text).not.toMatch(/undefined|null/);
  });

  it("escapes an admin-entered union name in html and keeps the subject on one line", async () => {
    const r = await renderEmail("forgot-user-id", { union: { name: "<b>組合</b>\r\nBcc: x@y" }, userId: "abc123" });
    expect(r.html).not.toContain("<b>組合</b>");
    expect(r.html).toContain("&lt;b&gt;組合&lt;/b&gt;");
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses a code that is not six digits rather than mailing it", async () => {
    await expect(renderEmail("signup-code", { union, code: "12345" })).rejects.toThrow(/6 digits/);
  });
});

describe("email formatting", () => {
  it("shows times in Japan time whatever the server's zone", () => {
    expect(formatJapanTime("2026-12-31T15:00:00Z")).toBe("2027年1月1日(金) 00:00");
    expect(formatJapanTime(new Date("2026-04-01T10:15:00Z"))).toBe("2026年4月1日(水) 19:15");
  });

  it("masks an address down to its first letter and domain", () => {
    expect(maskEmail("hanako@example.com")).toBe("h***@example.com");
    expect(maskEmail("nonsense")).toBe("***");
  });
});
