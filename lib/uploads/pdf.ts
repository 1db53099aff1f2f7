// A PDF is kept as sent, but only when it parses and is not password-protected.
import { PDFDocument } from "pdf-lib";

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: "unreadable" | "encrypted" };

export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = doc.getPageCount();
    if (pages < 1) return { ok: false, reason: "unreadable" };
    return { ok: true, pages };
  } catch (error) {
    if ((error as Error)?.name === "EncryptedPDFError" || /encrypt/i.test((error as Error)?.message ?? "")) return { ok: false, reason: "encrypted" };
    return { ok: false, reason: "unreadable" };
  }
}
