import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeRoster, detectEncoding, DETECT_BYTES, RosterDecodeError } from "@/lib/roster/decode";

const TEXT = "記号,番号,枝番,氏名,氏名カナ\r\n12,345,00,健保 太郎,ケンポ タロウ\r\n12,345,01,健保 花子,ｹﾝﾎﾟ ﾊﾅｺ\r\n";

/** The bytes cut into pieces of `size` (or at the given offsets), as a stream would deliver them. */
async function* pieces(bytes: Buffer, size: number | number[]): AsyncGenerator<Uint8Array> {
  const cuts = typeof size === "number" ? range(size, bytes.length, size) : size;
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > at) yield bytes.subarray(at, cut);
    at = Math.max(at, cut);
  }
}
const range = (from: number, to: number, step: number) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);

async function decodeAll(bytes: Buffer, size: number | number[] = 1 << 16) {
  const { encoding, text } = await decodeRoster(pieces(bytes, size));
  let out = "";
  for await (const s of text) out += s;
  return { encoding, out };
}

describe("detectEncoding", () => {
  it("recognises a UTF-8 BOM, plain UTF-8 and CP932", () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${TEXT}`), true)).toBe("utf-8-bom");
    expect(detectEncoding(Buffer.from(TEXT), true)).toBe("utf-8");
    expect(detectEncoding(iconv.encode(TEXT, "cp932"), true)).toBe("cp932");
  });

  it("does not hold a multi-byte character cut at the end of the prefix against UTF-8", () => {
    const bytes = Buffer.from("カナ");
    expect(detectEncoding(bytes.subarray(0, 4), false)).toBe("utf-8");
    // …unless the prefix is the whole file: then the sequence really is truncated.
    expect(detectEncoding(bytes.subarray(0, 4), true)).toBe("cp932");
  });

  it("treats pure ASCII as UTF-8 and flags UTF-16", () => {
    expect(detectEncoding(Buffer.from("symbol,number\n"), true)).toBe("utf-8");
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]), true)).toBe("utf-16");
  });
});

describe("decodeRoster", () => {
  it("decodes UTF-8 without a BOM", async () => {
    expect(await decodeAll(Buffer.from(TEXT))).toEqual({ encoding: "utf-8", out: TEXT });
  });

  it("drops the BOM of Excel's 「CSV UTF-8」", async () => {
    expect(await decodeAll(Buffer.from(`\uFEFF${TEXT}`))).toEqual({ encoding: "utf-8-bom", out: TEXT });
  });

  it("decodes CP932 as Excel saves it, including half-width katakana and NEC/IBM extensions", async () => {
    const text = `${TEXT}髙橋,①,﨑\r\n`;
    expect(await decodeAll(iconv.encode(text, "cp932"))).toEqual({ encoding: "cp932", out: text });
  });

  it("keeps characters whole when every chunk boundary splits one (1-byte chunks)", async () => {
    expect((await decodeAll(Buffer.from(TEXT), 1)).out).toBe(TEXT);
    expect((await decodeAll(iconv.encode(TEXT, "cp932"), 1)).out).toBe(TEXT);
  });

  it("detects CP932 from a prefix made of many chunks and decodes a lead byte left at a chunk end", async () => {
    const bytes = iconv.encode(TEXT, "cp932");
    // Find a double-byte character and cut right after its lead byte.
    const lead = bytes.findIndex((b) => b >= 0x81 && b <= 0x9f);
    const result = await decodeAll(bytes, [lead + 1, lead + 2]);
    expect(result).toEqual({ encoding: "cp932", out: TEXT });
  });

  it("decodes a UTF-8 character split across the detection prefix boundary", async () => {
    // Pad so that a 3-byte kana straddles DETECT_BYTES.
    const pad = "a".repeat(DETECT_BYTES - 1);
    const text = `${pad}カナ\n`;
    const result = await decodeAll(Buffer.from(text), [DETECT_BYTES - 1, DETECT_BYTES, DETECT_BYTES + 1]);
    expect(result).toEqual({ encoding: "utf-8", out: text });
  });

  it("turns undecodable bytes into U+FFFD for the parser to report", async () => {
    const bytes = Buffer.concat([iconv.encode("記号\r\n", "cp932"), Buffer.from([0x85, 0x40, 0x0d, 0x0a])]);
    const { encoding, out } = await decodeAll(bytes);
    expect(encoding).toBe("cp932");
    expect(out).toContain("\uFFFD");
  });

  it("yields nothing for an empty file", async () => {
    expect(await decodeAll(Buffer.alloc(0))).toEqual({ encoding: "utf-8", out: "" });
  });

  it("refuses UTF-16 with a sentence staff can act on", async () => {
    await expect(decodeAll(iconv.encode(`\uFEFF${TEXT}`, "utf16-le"))).rejects.toThrow(RosterDecodeError);
    await expect(decodeAll(iconv.encode(`\uFEFF${TEXT}`, "utf16-le"))).rejects.toThrow(/UTF-16/);
  });

  it("does not read past the detection prefix before the text is consumed", async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield Buffer.from("a".repeat(16 * 1024));
      }
    }
    const { text } = await decodeRoster(source());
    expect(pulled).toBe(DETECT_BYTES / (16 * 1024));
    await text.return();
  });
});
