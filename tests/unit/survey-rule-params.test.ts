// The target rule read from untrusted URL / form values.
import { describe, expect, it } from "vitest";
import { parseRule } from "@/lib/survey/rule-params";

describe("parseRule", () => {
  it("reads blank ages as no bound and de-duplicates relationships", () => {
    expect(parseRule({ ageFrom: "", ageTo: undefined, rel: undefined })).toEqual({ ageFrom: null, ageTo: null, relationships: [] });
    expect(parseRule({ ageFrom: " 16 ", ageTo: "22", rel: ["子", "子", " 妻 ", ""] })).toEqual({ ageFrom: 16, ageTo: 22, relationships: ["妻", "子"].sort() });
    expect(parseRule({ ageFrom: "0", ageTo: "0", rel: "母" })).toEqual({ ageFrom: 0, ageTo: 0, relationships: ["母"] });
  });

  it("refuses what is not a usable rule", () => {
    for (const bad of [
      { ageFrom: "-1", ageTo: "" },
      { ageFrom: "1.5", ageTo: "" },
      { ageFrom: "abc", ageTo: "" },
      { ageFrom: "", ageTo: "151" },
      { ageFrom: "30", ageTo: "10" },
    ]) expect(parseRule({ ...bad, rel: [] })).toBeNull();
    expect(parseRule({ ageFrom: "", ageTo: "", rel: ["子\u0000"] })).toBeNull();
    expect(parseRule({ ageFrom: "", ageTo: "", rel: ["x".repeat(21)] })).toBeNull();
    expect(parseRule({ ageFrom: "", ageTo: "", rel: Array.from({ length: 51 }, (_, i) => `r${i}`) })).toBeNull();
  });
});
