import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PersonKeySet } from "@/lib/roster/key-set";

describe("PersonKeySet", () => {
  it("answers exactly like a Map, including keys that are prefixes of each other", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9A-Za-z-]{0,6}\t[0-9]{0,3}\t[0-9]{2}$/), { maxLength: 300 }), (keys) => {
        const set = new PersonKeySet();
        const map = new Map<string, number>();
        keys.forEach((key, i) => {
          const line = i + 2;
          expect(set.add(key, line)).toBe(map.get(key) ?? 0);
          if (!map.has(key)) map.set(key, line);
        });
        expect(set.size).toBe(map.size);
      }),
    );
  });

  it("stays exact while growing to hundreds of thousands of keys", () => {
    const set = new PersonKeySet();
    const n = 300_000;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (set.add(`${i % 97}\t${i}\t00`, i + 2) !== 0) wrong++;
    for (let i = 0; i < n; i += 7) if (set.add(`${i % 97}\t${i}\t00`, 0) !== i + 2) wrong++;
    expect(wrong).toBe(0);
    expect(set.size).toBe(n);
    expect(set.add("1\t1\t01", 5)).toBe(0);
  });
});
