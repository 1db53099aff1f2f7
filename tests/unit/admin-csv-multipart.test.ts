import { PassThrough, Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "@/lib/admin/csv";
import { boundaryOf, readMultipart } from "@/lib/admin/multipart";

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function* batches(rows: unknown[][][]) {
  for (const b of rows) yield b;
}

describe("CSV cells", () => {
  it.each([
    ["=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""],
    ["+81", "'+81"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["a,b", "\"a,b\""],
    ["普通の値", "普通の値"],
    ["a=b", "a=b"],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes null as an empty cell and ends lines with CRLF", () => {
    expect(csvLine([null, 1, "x"])).toBe(",1,x\r\n");
  });
});

describe("csvStream", () => {
  it("starts UTF-8 with a BOM and the header, then one batch per read", async () => {
    const out = await collect(csvStream(["名前", "式"], batches([[["健保 太郎", "=1+1"]], [["佐藤", "@x"]]]), "utf-8"));
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.subarray(3).toString("utf8")).toBe("名前,式\r\n健保 太郎,'=1+1\r\n佐藤,'@x\r\n");
  });

  it("encodes Shift_JIS (CP932) without a BOM, decoding back to the same text", async () => {
    const out = await collect(csvStream(["氏名カナ", "記号"], batches([[["ケンポ タロウ", "髙①～"]]]), "sjis"));
    expect(out[0]).not.toBe(0xef);
    expect(iconv.decode(out, "cp932")).toBe("氏名カナ,記号\r\nケンポ タロウ,髙①～\r\n");
  });
});

describe("readMultipart", () => {
  const boundary = "----WebKitFormBoundaryabc123";
  const body = (file: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名簿.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="replace"\r\n\r\n1\r\n--${boundary}--\r\n`),
    ]);

  it("reads the boundary from the content type", () => {
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    expect(boundaryOf("application/octet-stream")).toBeNull();
  });

  it.each([1, 7, 64, 100_000])("streams the file part to disk and keeps the fields (chunks of %i bytes)", async (size) => {
    // Bytes that look like a delimiter's start, and CRLFs, inside the file.
    const file = Buffer.concat([Buffer.from("記号,番号\r\n--not-the-boundary\r\n\r\n"), Buffer.alloc(3000, 0x41), Buffer.from("\r\n-")]);
    const all = body(file);
    const chunks = [];
    for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
    const sink = new PassThrough();
    const written: Buffer[] = [];
    sink.on("data", (c: Buffer) => written.push(c));
    const result = await readMultipart(Readable.from(chunks), boundary, "file", sink);
    expect(result).toEqual({ fields: { replace: "1" }, fileName: "名簿.csv" });
    expect(Buffer.concat(written).equals(file)).toBe(true);
  });

  it("refuses a body cut short", async () => {
    const all = body(Buffer.from("x"));
    await expect(readMultipart(Readable.from([all.subarray(0, all.length - 20)]), boundary, "file", new PassThrough())).rejects.toThrow();
  });
});
