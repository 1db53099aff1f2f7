// Turns the uploaded bytes into text without ever holding the whole file. Union staff save rosters
// from Excel, which writes either 「CSV UTF-8」 (with a BOM) or plain 「CSV」 in Shift_JIS (CP932,
// Microsoft's superset); other tools write UTF-8 without a BOM. We look at the first bytes once and
// decode the rest as a stream. Undecodable bytes become U+FFFD, which the parser reports with the
// line number it appears on.
import iconv from "iconv-lite";
import type { RosterEncoding } from "./types";

/** Enough to hold the header and many data rows; every valid data row contains kana (non-ASCII). */
export const DETECT_BYTES = 64 * 1024;

export type DetectedEncoding = RosterEncoding | "utf-16";

/**
 * Decides the encoding from the start of the file. `complete` says the prefix is the whole file;
 * otherwise a multi-byte character cut at the end of the prefix is not held against UTF-8.
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): DetectedEncoding {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return "utf-8-bom";
  // Excel's 「Unicode テキスト」 is UTF-16 (and tab-separated): refuse it by name rather than as garbage.
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) return "utf-16";
  try {
    // `stream: true` keeps an incomplete trailing sequence pending instead of calling it invalid.
    new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: !complete });
    return "utf-8";
  } catch {
    return "cp932";
  }
}

export class RosterDecodeError extends Error {}

export interface DecodedRoster {
  encoding: RosterEncoding;
  /** The text in order; a character split across input chunks comes out whole. */
  text: AsyncGenerator<string, void, undefined>;
}

interface TextDecoderLike {
  write(chunk: Uint8Array): string;
  end(): string;
}

function decoderFor(encoding: RosterEncoding): TextDecoderLike {
  if (encoding === "cp932") {
    const d = iconv.getDecoder("cp932");
    return { write: (chunk) => d.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => d.end() ?? "" };
  }
  // The WHATWG decoder drops a leading BOM by default (ignoreBOM: false) and, with `stream`,
  // carries a partial UTF-8 sequence over to the next chunk.
  const d = new TextDecoder("utf-8");
  return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
}

/**
 * Reads just enough of `input` to detect the encoding, then returns a generator of decoded text.
 * Throws RosterDecodeError for encodings we do not accept (UTF-16).
 */
export async function decodeRoster(input: AsyncIterable<Uint8Array>): Promise<DecodedRoster> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < DETECT_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const detected = detectEncoding(Buffer.concat(head, headBytes), done);
  if (detected === "utf-16") {
    await iterator.return?.();
    throw new RosterDecodeError(
      "ファイルが UTF-16 で保存されています。Excel の「CSV UTF-8(コンマ区切り)」か「CSV(コンマ区切り)」で保存し直してください",
    );
  }
  const encoding = detected;

  async function* text(): AsyncGenerator<string, void, undefined> {
    const decoder = decoderFor(encoding);
    try {
      for (const chunk of head.splice(0)) {
        const s = decoder.write(chunk);
        if (s) yield s;
      }
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        const s = decoder.write(next.value);
        if (s) yield s;
      }
      done = true;
      const rest = decoder.end();
      if (rest) yield rest;
    } finally {
      // Stopped early (e.g. the consumer gave up): let the source close its file handle.
      if (!done) await iterator.return?.();
    }
  }
  return { encoding, text: text() };
}
