// UploadSlot as the server renders it (what a phone without JavaScript gets): the labelled input
// that offers camera and files, the plain multipart form, the reminder, files with 削除, errors.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
const { UploadSlot } = await import("@/app/(member)/survey/_components/upload-slot");

const base = { responseId: 7, dependentId: 42, slot: "tax_certificate", label: "課税(非課税)証明書", files: [], locked: false };
const html = (props: Partial<Parameters<typeof UploadSlot>[0]> = {}) => renderToStaticMarkup(createElement(UploadSlot, { ...base, ...props }));

describe("UploadSlot", () => {
  it("is a plain multipart form to the upload route, with a labelled input offering camera and files", () => {
    const m = html();
    expect(m).toContain(`action="/survey/upload?responseId=7&amp;dependentId=42&amp;slot=tax_certificate&amp;back=%2Fsurvey%2Fdocuments"`);
    expect(m).toContain(`method="post"`);
    // React writes the attribute as encType; HTML attribute names are case-insensitive.
    expect(m.toLowerCase()).toContain(`enctype="multipart/form-data"`);
    expect(m).toContain(`accept="image/*,.heic,.heif,application/pdf"`);
    expect(m).toMatch(/<label for="([^"]+)"[^>]*>課税\(非課税\)証明書のファイル/);
    const labelFor = /<label for="([^"]+)"/.exec(m)![1];
    const input = new RegExp(`<input[^>]*id="${labelFor}"[^>]*>`).exec(m)![0];
    expect(input).toContain(`type="file"`);
    expect(input).toContain(`name="file"`);
    expect(m).toContain(">アップロード</button>");
    expect(m).toContain("マイナンバー");
    expect(m).toContain("明るい場所で");
    expect(m).toContain(`id="slot-42-tax_certificate"`);
    expect(m).not.toContain("aria-invalid");
  });

  it("shows each file: a thumbnail from the file route, or the PDF's name and pages, each with 削除", () => {
    const m = html({ files: [{ id: 5, name: "IMG_1.jpg", contentType: "image/jpeg", size: 200_000 }, { id: 6, name: "証明書.pdf", contentType: "application/pdf", size: 2_500_000, pages: 3 }] });
    expect(m).toContain(`<img src="/survey/files/5" alt="IMG_1.jpg"`);
    expect(m).not.toContain(`<img src="/survey/files/6"`);
    expect(m).toContain("証明書.pdf");
    expect(m).toContain("3ページ・2.4MB");
    expect(m).toContain(`action="/survey/files/5/delete?slot=tax_certificate&amp;back=%2Fsurvey%2Fdocuments&amp;dependentId=42"`);
    expect(m.match(/>削除<\/button>/g)).toHaveLength(2);
  });

  it("an error stands next to the slot, tied to the input", () => {
    const m = html({ error: "ファイルが大きすぎます。" });
    expect(m).toContain(`aria-invalid="true"`);
    const describedBy = /aria-describedby="([^"]+)"/.exec(m)![1].split(" ");
    expect(m).toMatch(new RegExp(`id="${describedBy[0]}"[^>]*>.*ファイルが大きすぎます。`));
    expect(m).toContain(`aria-live="polite"`);
  });

  it("locked: files are shown, nothing can be added or deleted", () => {
    const m = html({ locked: true, files: [{ id: 5, name: "IMG_1.jpg", contentType: "image/jpeg", size: 1000 }] });
    expect(m).toContain(`src="/survey/files/5"`);
    expect(m).not.toContain("<form");
    expect(m).not.toContain("削除</button>");
    expect(m).toContain("変更できません");
  });

  it("a household slot posts dependentId=household", () => {
    expect(html({ dependentId: null, slot: "residence_certificate", label: "住民票" })).toContain("dependentId=household&amp;slot=residence_certificate");
  });
});
