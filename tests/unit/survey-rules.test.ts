import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ageOn } from "@/lib/survey/age";
import { incomeLimitFor, incomeWarnings, SENIOR_LIMIT, STANDARD_LIMIT, YOUNG_ADULT_LIMIT } from "@/lib/survey/income-limit";
import { answersFormSchema, isComplete, missingAnswers, parseYen, relevantAnswers, type Answers } from "@/lib/survey/answers-schema";
import { requiredDocuments, SLOT_KEYS } from "@/lib/survey/required-documents";
import { uploadTarget } from "@/lib/survey/upload-scope";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000));
const dateArb = fc.date({ min: new Date("1930-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }).map(iso);
const child = { relationship: "子", livingApart: false };

describe("ageOn", () => {
  it("goes up on the birthday, not the day before", () => {
    expect(ageOn("1966-12-01", "2026-11-30")).toBe(59);
    expect(ageOn("1966-12-01", "2026-12-01")).toBe(60);
  });
  it("counts a 29 February birthday from 1 March in common years", () => {
    expect(ageOn("2004-02-29", "2023-02-28")).toBe(18);
    expect(ageOn("2004-02-29", "2023-03-01")).toBe(19);
    expect(ageOn("2004-02-29", "2024-02-29")).toBe(20);
  });
  it("property: age is one more a day after the n-th birthday than the day before", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), (birth, n) => {
        if (birth.endsWith("02-29")) return;
        const birthday = `${Number(birth.slice(0, 4)) + n}${birth.slice(4)}`;
        expect(ageOn(birth, birthday)).toBe(n);
        expect(ageOn(birth, addDays(birthday, -1))).toBe(n - 1);
      }),
    );
  });
});

describe("incomeLimitFor", () => {
  it("is 130万円 by default", () => {
    expect(incomeLimitFor({ birthDate: "2012-05-20", ...child }, "2026-12-01")).toMatchObject({ limit: STANDARD_LIMIT, reason: "standard", remittanceCap: null });
  });
  it("is 180万円 from the 60th birthday on the survey date", () => {
    expect(incomeLimitFor({ birthDate: "1966-12-01", relationship: "母", livingApart: false }, "2026-12-01")).toMatchObject({ limit: SENIOR_LIMIT, reason: "senior" });
    expect(incomeLimitFor({ birthDate: "1966-12-02", relationship: "母", livingApart: false }, "2026-12-01")).toMatchObject({ limit: STANDARD_LIMIT, reason: "standard" });
  });
  it("is 180万円 for a disability-pension-level disability at any age", () => {
    expect(incomeLimitFor({ birthDate: "2000-01-01", ...child, disabilityPension: true }, "2026-12-01")).toMatchObject({ limit: SENIOR_LIMIT, reason: "disability" });
  });
  it("is 150万円 for 19–22 at 31 December, from 2025-10-01, not for spouses", () => {
    // Born 2007-12-31: 19 on 2026-12-31, still 18 on the survey date.
    expect(incomeLimitFor({ birthDate: "2007-12-31", ...child }, "2026-12-01")).toMatchObject({ limit: YOUNG_ADULT_LIMIT, reason: "young_adult" });
    expect(incomeLimitFor({ birthDate: "2008-01-01", ...child }, "2026-12-01").limit).toBe(STANDARD_LIMIT);
    expect(incomeLimitFor({ birthDate: "2004-01-01", ...child }, "2026-12-01").limit).toBe(YOUNG_ADULT_LIMIT); // 22
    expect(incomeLimitFor({ birthDate: "2003-12-31", ...child }, "2026-12-01").limit).toBe(STANDARD_LIMIT); // 23
    for (const relationship of ["妻", "夫", "配偶者"]) expect(incomeLimitFor({ birthDate: "2005-06-01", relationship, livingApart: false }, "2026-12-01").limit).toBe(STANDARD_LIMIT);
    expect(incomeLimitFor({ birthDate: "2005-06-01", ...child }, "2025-09-30").limit).toBe(STANDARD_LIMIT);
    expect(incomeLimitFor({ birthDate: "2005-06-01", ...child }, "2025-10-01").limit).toBe(YOUNG_ADULT_LIMIT);
  });
  it("living apart: also under the remittance × 12", () => {
    const r = incomeLimitFor({ birthDate: "1950-01-01", relationship: "父", livingApart: true, monthlyRemittance: 100_000 }, "2026-12-01");
    expect(r).toMatchObject({ limit: 1_200_000, baseLimit: SENIOR_LIMIT, remittanceCap: 1_200_000 });
    expect(r.text).toContain("1,200,000円");
    expect(incomeLimitFor({ birthDate: "1950-01-01", relationship: "父", livingApart: false, monthlyRemittance: 100_000 }, "2026-12-01").remittanceCap).toBeNull();
  });
  it("property: the limit is one of the three amounts, never above the base, and the rule follows the age boundaries", () => {
    fc.assert(
      fc.property(dateArb, dateArb, fc.constantFrom("子", "妻", "夫", "配偶者", "父", "母"), fc.boolean(), fc.boolean(), fc.option(fc.integer({ min: 0, max: 500_000 })), (birth, on, relationship, disability, apart, remittance) => {
        const r = incomeLimitFor({ birthDate: birth, relationship, disabilityPension: disability, livingApart: apart, monthlyRemittance: remittance }, on);
        expect([STANDARD_LIMIT, YOUNG_ADULT_LIMIT, SENIOR_LIMIT]).toContain(r.baseLimit);
        expect(r.limit).toBeLessThanOrEqual(r.baseLimit);
        if (ageOn(birth, on) >= 60 || disability) expect(r.baseLimit).toBe(SENIOR_LIMIT);
        const yearEndAge = ageOn(birth, `${on.slice(0, 4)}-12-31`);
        const young = on >= "2025-10-01" && yearEndAge >= 19 && yearEndAge <= 22 && !["妻", "夫", "配偶者"].includes(relationship);
        if (!disability && ageOn(birth, on) < 60) expect(r.baseLimit).toBe(young ? YOUNG_ADULT_LIMIT : STANDARD_LIMIT);
        if (apart && remittance != null) expect(r.limit).toBe(Math.min(r.baseLimit, remittance * 12));
        else expect(r.limit).toBe(r.baseLimit);
      }),
    );
  });
  it("property: at the 60th birthday the limit steps from 130万 to 180万", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1940-01-01"), max: new Date("1975-12-31"), noInvalidDate: true }).map(iso), (birth) => {
        if (birth.endsWith("02-29")) return;
        const sixtieth = `${Number(birth.slice(0, 4)) + 60}${birth.slice(4)}`;
        expect(incomeLimitFor({ birthDate: birth, relationship: "母", livingApart: false }, sixtieth).limit).toBe(SENIOR_LIMIT);
        expect(incomeLimitFor({ birthDate: birth, relationship: "母", livingApart: false }, addDays(sixtieth, -1)).limit).toBe(STANDARD_LIMIT);
      }),
    );
  });
});

describe("incomeWarnings", () => {
  const d = { birthDate: "2012-05-20", relationship: "子" };
  it("warns at the limit, not under it", () => {
    expect(incomeWarnings({ annualIncome: 1_299_999 }, d, "2026-12-01")).toEqual([]);
    expect(incomeWarnings({ annualIncome: 1_300_000 }, d, "2026-12-01")[0]).toContain("1,300,000円以上");
  });
  it("warns when living apart and the income is not under the remittance × 12", () => {
    const w = incomeWarnings({ annualIncome: 600_000, residence: "apart", monthlyRemittance: 50_000 }, d, "2026-12-01");
    expect(w.join()).toContain("600,000円");
    expect(incomeWarnings({ annualIncome: 599_999, residence: "apart", monthlyRemittance: 50_000 }, d, "2026-12-01")).toEqual([]);
  });
  it("says nothing for 外す", () => {
    expect(incomeWarnings({ continuation: "remove", annualIncome: 9_000_000 }, d, "2026-12-01")).toEqual([]);
  });
  it("property: the income warning appears exactly when income ≥ the base limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), dateArb, (income, birth) => {
        const { baseLimit } = incomeLimitFor({ birthDate: birth, relationship: "子", livingApart: false }, "2026-12-01");
        const w = incomeWarnings({ annualIncome: income }, { birthDate: birth, relationship: "子" }, "2026-12-01");
        expect(w.some((s) => s.includes("以上のため"))).toBe(income >= baseLimit);
      }),
    );
  });
});

describe("answersFormSchema", () => {
  const parse = (v: Record<string, string>) => answersFormSchema.safeParse(v);
  it("accepts 全角 digits and commas", () => {
    for (const s of ["１，２００，０００", "1,200,000", "1200000", "１２０００００円", "¥1,200,000"]) {
      const r = parse({ annualIncome: s });
      expect(r.success && r.data.answers.annualIncome).toBe(1_200_000);
    }
  });
  it("gives a Japanese error for anything else, and above 99,999,999", () => {
    for (const s of ["120万", "abc", "1.5", "-1"]) {
      const r = parse({ annualIncome: s });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0].message).toContain("数字で入力");
    }
    const r = parse({ annualIncome: "100,000,000" });
    expect(!r.success && r.error.issues[0].message).toContain("99,999,999円以下");
    expect(parseYen("99,999,999")).toBe(99_999_999);
  });
  it("property: any yen amount written with commas in full-width parses back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const wide = n.toLocaleString("en-US").replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        const r = parse({ annualIncome: wide });
        expect(r.success && r.data.answers.annualIncome).toBe(n);
      }),
    );
  });
  it("keeps a draft incomplete but refuses unknown choices", () => {
    expect(parse({}).success).toBe(true);
    expect(parse({ occupation: "宇宙飛行士" }).success).toBe(false);
    expect(parse({ remittanceMethod: "hand" }).success).toBe(false);
  });
  it("collects kinds of income from one checkbox each", () => {
    const r = parse({ income_salary: "on", income_pension: "on" });
    expect(r.success && r.data.answers.incomeKinds).toEqual(["salary", "pension"]);
  });
});

describe("missingAnswers", () => {
  it("needs reason and date for 外す, nothing else", () => {
    expect(Object.keys(missingAnswers({ continuation: "remove" }))).toEqual(["removalReason", "removalDate"]);
    expect(isComplete({ continuation: "remove", removalReason: "job", removalDate: "2026-11-01" })).toBe(true);
  });
  it("needs everything that applies for 続ける", () => {
    expect(Object.keys(missingAnswers({ continuation: "continue" }))).toEqual(["occupation", "annualIncome", "residence"]);
    expect(Object.keys(missingAnswers({ continuation: "continue", occupation: "student", annualIncome: 500_000, residence: "apart" }))).toEqual(["incomeKinds", "monthlyRemittance", "remittanceMethod"]);
    expect(isComplete({ continuation: "continue", occupation: "student", annualIncome: 0, residence: "together" })).toBe(true);
  });
  it("relevantAnswers drops what does not apply", () => {
    expect(relevantAnswers({ continuation: "remove", removalReason: "job", removalDate: "2026-11-01", occupation: "student" })).toEqual({ continuation: "remove", removalReason: "job", removalDate: "2026-11-01" });
    expect(relevantAnswers({ continuation: "continue", residence: "together", monthlyRemittance: 5 })).toEqual({ continuation: "continue", residence: "together" });
  });
});

describe("requiredDocuments", () => {
  const base = "2026-12-01";
  const teen = { birthDate: "2008-11-03" };
  it("none when 外す", () => {
    expect(requiredDocuments({ continuation: "remove", residence: "apart", occupation: "student" }, teen, base)).toEqual([]);
  });
  it("a student 16+: tax certificate and enrollment", () => {
    expect(requiredDocuments({ continuation: "continue", occupation: "student", residence: "together" }, teen, base)).toEqual(["tax_certificate", "enrollment_certificate"]);
  });
  it("under 16: nothing for a pupil with no income", () => {
    expect(requiredDocuments({ continuation: "continue", occupation: "student", residence: "together" }, { birthDate: "2012-05-20" }, base)).toEqual([]);
  });
  it("the 16th birthday is the boundary", () => {
    expect(requiredDocuments({ continuation: "continue" }, { birthDate: "2010-12-01" }, base)).toEqual(["tax_certificate"]);
    expect(requiredDocuments({ continuation: "continue" }, { birthDate: "2010-12-02" }, base)).toEqual([]);
  });
  it("pensioner, salary, business, unemployment, living apart", () => {
    const a: Answers = { continuation: "continue", occupation: "pensioner", incomeKinds: ["salary", "business", "unemployment"], residence: "apart" };
    expect(requiredDocuments(a, { birthDate: "1950-01-01" }, base)).toEqual(["tax_certificate", "pension_notice", "payslips", "tax_return", "unemployment_certificate", "remittance_records"]);
  });
  it("property: always a subset of SLOT_KEYS in their order, empty for 外す", () => {
    const answersArb = fc.record(
      {
        continuation: fc.constantFrom("continue", "remove"),
        occupation: fc.constantFrom("employee", "part_time", "student", "self_employed", "pensioner", "unemployed", "other"),
        incomeKinds: fc.subarray(["salary", "pension", "business", "unemployment", "other"] as const),
        residence: fc.constantFrom("together", "apart"),
        disabilityPension: fc.boolean(),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Answers>;
    fc.assert(
      fc.property(answersArb, dateArb, (a, birth) => {
        const slots = requiredDocuments(a, { birthDate: birth }, base);
        expect(slots).toEqual(SLOT_KEYS.filter((k) => slots.includes(k)));
        if (a.continuation === "remove") expect(slots).toEqual([]);
        if (a.continuation !== "remove") expect(slots.includes("remittance_records")).toBe(a.residence === "apart");
      }),
    );
  });
});

describe("uploadTarget", () => {
  const s = (status: string, phase: "before" | "open" | "after") =>
    ({ status, phase, response: { id: 7 }, dependents: [{ entry: { id: 11 } }] }) as unknown as Parameters<typeof uploadTarget>[0];
  it("accepts this member's dependent and a known slot, also after submission", () => {
    expect(uploadTarget(s("submitted", "after"), 11, "payslips")).toEqual({ ok: true, responseId: 7, dependentEntryId: 11, slot: "payslips" });
    expect(uploadTarget(s("in_progress", "open"), null, "remittance_records")).toMatchObject({ ok: true, dependentEntryId: null });
  });
  it("refuses another dependent, an unknown slot, a closed case and before the window", () => {
    expect(uploadTarget(s("in_progress", "open"), 12, "payslips")).toEqual({ ok: false, reason: "not_found" });
    expect(uploadTarget(s("in_progress", "open"), 11, "__proto__")).toEqual({ ok: false, reason: "not_found" });
    expect(uploadTarget(s("approved", "open"), 11, "payslips")).toEqual({ ok: false, reason: "closed" });
    expect(uploadTarget(s("not_started", "before"), 11, "payslips")).toEqual({ ok: false, reason: "closed" });
  });
});
