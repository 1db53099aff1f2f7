// The upload and file routes over real HTTP against the production build, as a signed-in member's
// phone would use them (the survey rows are made by SQL in the demo survey). Another member can
// never read, replace or delete a file.
import { Buffer } from "node:buffer";
import sharp from "sharp";
import { e2eSql } from "./db";
import { expect, newDeviceContext, signedInMember, test, type Member } from "./fixtures";
import { encryptedPdf, heicFixture, jpegWithGps, pdfWithPages, pngWithGps, zipArchive } from "../support/upload-fixtures";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

/** Targets the member's dependent in the demo union's open survey, as opening it would have. */
async function surveyFor(m: Member) {
  const sql = e2eSql();
  const [me] = await sql`select m.id as member_id, m.union_id, m.roster_entry_id from members m where m.user_id = ${m.userId}`;
  const [dep] = await sql`
    select d.id from roster_entries d join roster_entries i on i.id = ${me.roster_entry_id}
    where d.union_id = i.union_id and d.symbol = i.symbol and d.number = i.number and d.branch <> '00'`;
  const [survey] = await sql`select id from surveys where union_id = ${me.union_id} and status = 'open' order by fiscal_year desc limit 1`;
  await sql`insert into survey_targets (survey_id, roster_entry_id, insured_entry_id, added_by) values (${survey.id}, ${dep.id}, ${me.roster_entry_id}, 'manual')`;
  const [response] = await sql`insert into survey_responses (survey_id, insured_entry_id, member_id, status) values (${survey.id}, ${me.roster_entry_id}, ${me.member_id}, 'in_progress') returning id`;
  return { responseId: Number(response.id), dependentId: Number(dep.id), surveyId: Number(survey.id) };
}

type Slot = { responseId: number; dependentId: number | null };

function uploadUrl(s: Slot, slot = "tax_certificate") {
  const q = new URLSearchParams({ responseId: String(s.responseId), dependentId: s.dependentId == null ? "household" : String(s.dependentId), slot, back: "/survey/documents" });
  return `/survey/upload?${q}`;
}

/** Whether EXIF (as sharp's metadata gives it: "Exif\0\0" and a TIFF block) points to a GPS IFD. */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? 6 : 0);
  const le = tiff.subarray(0, 2).toString("latin1") === "II";
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0, n = u16(ifd0); i < n; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** The chunk types of a PNG, in order. */
function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; at += 12 + png.readUInt32BE(at)) types.push(png.subarray(at + 4, at + 8).toString("latin1"));
  return types;
}

async function upload(request: APIRequestContext, s: Slot, file: { name: string; mimeType: string; buffer: Buffer }, slot?: string) {
  return request.post(uploadUrl(s, slot), { multipart: { file }, headers: { accept: "application/json" }, maxRedirects: 0 });
}

/** Uploads a file that must be accepted as `expected`, then reads it back; both answers are checked. */
async function uploadAndServe(request: APIRequestContext, s: Slot, sent: { name: string; mimeType: string; buffer: Buffer }, expected: { name: string; contentType: string }) {
  const saved = await upload(request, s, sent);
  expect(saved.status()).toBe(200);
  const { file } = await saved.json();
  expect(file).toMatchObject(expected);
  const served = await request.get(`/survey/files/${file.id}`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe(expected.contentType);
  return { file, served };
}

test("a member uploads photos, a HEIC and a PDF, reads them back without EXIF, and deletes one", async ({ page, request }) => {
  const m = await signedInMember(page, request);
  const s = await surveyFor(m);

  const { file, served } = await uploadAndServe(page.request, s, { name: "IMG_0001.JPG", mimeType: "image/jpeg", buffer: await jpegWithGps(1200, 900) }, { name: "IMG_0001.jpg", contentType: "image/jpeg" });
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  // The route sends "private, no-store"; proxy.ts sets "no-store" on every answer and wins.
  expect(served.headers()["cache-control"]).toMatch(/no-store/);
  expect(served.headers()["content-disposition"]).toBe(`inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`);
  const bytes = await served.body();
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect([meta.width, meta.height]).toEqual([1200, 900]);

  const heic = await upload(page.request, s, { name: "IMG_0002.HEIC", mimeType: "image/heic", buffer: heicFixture() }, "enrollment_certificate");
  expect(heic.status()).toBe(200);
  expect((await heic.json()).file).toMatchObject({ name: "IMG_0002.jpg", contentType: "image/jpeg" });

  const pdf = await upload(page.request, { ...s, dependentId: null }, { name: "住民票.pdf", mimeType: "application/pdf", buffer: await pdfWithPages(2) }, "residence_certificate");
  expect(pdf.status()).toBe(200);
  const pdfFile = (await pdf.json()).file;
  expect(pdfFile).toMatchObject({ name: "住民票.pdf", contentType: "application/pdf", pages: 2 });
  const pdfServed = await page.request.get(`/survey/files/${pdfFile.id}`);
  expect(pdfServed.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("住民票.pdf")}`);

  const deleted = await page.request.post(`/survey/files/${file.id}/delete`, { headers: { accept: "application/json" } });
  expect(deleted.status()).toBe(200);
  expect((await page.request.get(`/survey/files/${file.id}`)).status()).toBe(404);
});

test("a PNG screenshot with GPS EXIF is stored as PNG with no EXIF, GPS or other metadata", async ({ page, request }) => {
  const m = await signedInMember(page, request);
  const s = await surveyFor(m);
  const input = await pngWithGps(320, 200);
  // The fixture really carries it: an eXIf chunk whose IFD0 points to a GPS IFD.
  expect(pngChunks(input)).toContain("eXIf");
  expect(hasGpsIfd((await sharp(input).metadata()).exif)).toBe(true);

  const { served } = await uploadAndServe(page.request, s, { name: "スクリーンショット.png", mimeType: "image/png", buffer: input }, { name: "スクリーンショット.png", contentType: "image/png" });
  const bytes = await served.body();
  const meta = await sharp(bytes).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 200]);
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(hasGpsIfd(meta.exif)).toBe(false);
  expect(pngChunks(bytes)).not.toContain("eXIf");
  expect(pngChunks(bytes).filter((t) => ["tEXt", "zTXt", "iTXt"].includes(t))).toEqual([]);
  expect(bytes.includes(Buffer.from("FixtureCam"))).toBe(false);
  expect(bytes.includes(Buffer.from("secret-owner"))).toBe(false);
});

test("refusals come back as their sentence: a ZIP named .jpg, a 12 MB file, an empty file, a password-protected PDF", async ({ page, request }) => {
  const m = await signedInMember(page, request);
  const s = await surveyFor(m);
  const zip = await upload(page.request, s, { name: "photo.jpg", mimeType: "image/jpeg", buffer: zipArchive() });
  expect(zip.status()).toBe(415);
  expect((await zip.json()).message).toContain("形式は受け付けられません");

  const big = Buffer.alloc(12 * 1024 * 1024, 0xff);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  const tooBig = await upload(page.request, s, { name: "big.jpg", mimeType: "image/jpeg", buffer: big });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).message).toContain("10MB");

  const empty = await upload(page.request, s, { name: "empty.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(0) });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).message).toContain("空です");

  const locked = await upload(page.request, s, { name: "secret.pdf", mimeType: "application/pdf", buffer: await encryptedPdf() });
  expect(locked.status()).toBe(422);
  expect((await locked.json()).message).toContain("パスワードで保護");
});

test("without JavaScript the form posts and is sent back to the page with the outcome (303)", async ({ page, request }) => {
  const m = await signedInMember(page, request);
  const s = await surveyFor(m);
  const ok = await page.request.post(uploadUrl(s), { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: await sharp({ create: { width: 40, height: 30, channels: 3, background: "#123456" } }).png().toBuffer() } }, maxRedirects: 0 });
  expect(ok.status()).toBe(303);
  expect(ok.headers()["location"]).toBe(`/survey/documents?upload=ok&uslot=slot-${s.dependentId}-tax_certificate#slot-${s.dependentId}-tax_certificate`);
  const refused = await page.request.post(uploadUrl(s), { multipart: { file: { name: "x.jpg", mimeType: "image/jpeg", buffer: zipArchive() } }, maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  expect(refused.headers()["location"]).toContain("upload=type");
});

test("another member can never read, replace or delete a file by id", async ({ page, request, browser }, testInfo) => {
  const a = await signedInMember(page, request);
  const s = await surveyFor(a);
  const saved = await upload(page.request, s, { name: "a.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps() });
  const { file } = await saved.json();
  const original = await (await page.request.get(`/survey/files/${file.id}`)).body();

  const other = await newDeviceContext(browser, testInfo);
  const otherPage = await other.newPage();
  const b = await signedInMember(otherPage, otherPage.request);
  await surveyFor(b);
  expect((await otherPage.request.get(`/survey/files/${file.id}`)).status()).toBe(404);
  expect((await otherPage.request.post(`/survey/files/${file.id}/delete`, { headers: { accept: "application/json" } })).status()).toBe(404);
  expect((await otherPage.request.post(`/survey/files/${file.id}/delete`, { maxRedirects: 0 })).status()).toBe(404);
  const intoA = await upload(otherPage.request, s, { name: "b.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps() });
  expect(intoA.status()).toBe(404);
  await other.close();

  // Signed out: nothing either.
  const anonymous = await playwrightRequest.newContext({ baseURL: testInfo.project.use.baseURL });
  // (proxy.ts sends a visitor without a session cookie to /login before the route is reached)
  const signedOut = await anonymous.get(`/survey/files/${file.id}`, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers()["location"]).toMatch(/\/login$/);
  const signedOutDelete = await anonymous.post(`/survey/files/${file.id}/delete`, { headers: { accept: "application/json" }, maxRedirects: 0 });
  expect(signedOutDelete.status()).toBe(307);
  await anonymous.dispose();
  // A's file is untouched.
  const again = await page.request.get(`/survey/files/${file.id}`);
  expect(again.status()).toBe(200);
  expect(Buffer.compare(await again.body(), original)).toBe(0);
});

test("a POST from another site is refused", async ({ page, request }) => {
  const m = await signedInMember(page, request);
  const s = await surveyFor(m);
  const forged = await page.request.post(uploadUrl(s), { multipart: { file: { name: "a.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps() } }, headers: { origin: "https://evil.example", accept: "application/json" } });
  expect(forged.status()).toBe(403);
});
