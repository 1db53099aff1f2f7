// Reopening one case: the response's own phase, the file lock and the form's rules (pure).
import { describe, expect, it } from "vitest";
import { checkReopenInput, reopenedLastDay } from "@/lib/survey/reopen";
import { isReopened, jstEndExclusive, responsePhase } from "@/lib/survey/window";
import { filesLocked } from "@/lib/uploads/upload-target";

const survey = { opensAt: new Date("2026-12-01T00:00:00+09:00"), closesAt: new Date("2026-12-10T00:00:00+09:00") };
const until = jstEndExclusive("2026-12-20");

describe("a reopened case", () => {
  it("is open until the end of its date (Japan time), only after the window", () => {
    expect(until.toISOString()).toBe("2026-12-20T15:00:00.000Z");
    expect(responsePhase(survey, { reopenedUntil: null }, new Date("2026-12-15T00:00:00Z"))).toBe("after");
    expect(responsePhase(survey, { reopenedUntil: until }, new Date("2026-12-15T00:00:00Z"))).toBe("open");
    expect(responsePhase(survey, { reopenedUntil: until }, new Date("2026-12-20T14:59:59.999Z"))).toBe("open");
    expect(responsePhase(survey, { reopenedUntil: until }, until)).toBe("after");
    // Before the window a reopen date changes nothing.
    expect(responsePhase(survey, { reopenedUntil: until }, new Date("2026-11-20T00:00:00Z"))).toBe("before");
    expect(isReopened({ reopenedUntil: until }, new Date("2026-12-21T00:00:00Z"))).toBe(false);
    expect(reopenedLastDay(until)).toBe("2026-12-20");
  });

  it("takes files in a closed survey until the date, never once approved", () => {
    const inside = { reopenedUntil: until, now: new Date("2026-12-15T00:00:00Z") };
    const after = { reopenedUntil: until, now: until };
    expect(filesLocked("submitted", "closed", inside)).toBe(false);
    expect(filesLocked("submitted", "closed", after)).toBe(true);
    expect(filesLocked("submitted", "closed", { reopenedUntil: null, now: inside.now })).toBe(true);
    expect(filesLocked("approved", "closed", inside)).toBe(true);
    expect(filesLocked("approved", "open", inside)).toBe(true);
  });

  it("needs a 理由 and a real date from today to about three months on", () => {
    const now = new Date("2026-12-15T03:00:00Z"); // 12:00 in Japan
    expect(checkReopenInput({ until: "2026-12-15", reason: "電話で申し出" }, now)).toBeNull();
    expect(checkReopenInput({ until: "2027-03-17", reason: "x" }, now)).toBeNull();
    expect(checkReopenInput({ until: "2027-03-18", reason: "x" }, now)).toMatchObject({ until: expect.stringContaining("92日以内") });
    expect(checkReopenInput({ until: "2026-12-14", reason: "x" }, now)).toMatchObject({ until: expect.stringContaining("今日以降") });
    expect(checkReopenInput({ until: "2026-13-01", reason: "x" }, now)).toMatchObject({ until: expect.stringContaining("実在する日付") });
    expect(checkReopenInput({ until: "2026-12-20", reason: "  " }, now)).toMatchObject({ reason: expect.any(String) });
    expect(checkReopenInput({ until: "2026-12-20", reason: "a".repeat(501) }, now)).toMatchObject({ reason: expect.any(String) });
    expect(checkReopenInput({ until: "2026-12-20", reason: "bad\u0000" }, now)).toMatchObject({ reason: expect.any(String) });
  });
});
