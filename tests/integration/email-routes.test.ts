// The mailbox JSON route and the cron route, called as Next would call them, on each database.
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { devMailbox, emailOutbox, signupRequests } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import type { Db } from "@/db/connect";
import { MINUTE, testClock } from "@/lib/clock";
import { enqueueEmail } from "@/lib/email/outbox";
import { sendEmail } from "@/lib/email/send";
import { mailboxTransport } from "@/lib/email/transport";
import { describeEachDatabase } from "../support/databases";

const state = vi.hoisted(() => ({ db: undefined as unknown, resendKey: undefined as string | undefined }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/env", () => ({
  env: () => ({ RESEND_API_KEY: state.resendKey, RESEND_BASE_URL: undefined, EMAIL_FROM: undefined }),
  mailboxMode: () => !state.resendKey,
}));

const { GET: mailboxJson } = await import("@/app/dev/mailbox.json/route");
const cron = await import("@/app/api/cron/outbox/route");
const { default: MailboxPage } = await import("@/app/dev/mailbox/page");
const { MailboxBanner } = await import("@/lib/email/mailbox-banner");

const union = { name: "テスト健康保険組合" };

describeEachDatabase("email routes", (t) => {
  beforeEach(async () => {
    state.db = t.db;
    state.resendKey = undefined;
    await t.db.delete(devMailbox);
    await t.db.delete(emailOutbox);
  });
  afterEach(() => vi.unstubAllEnvs());

  async function deliverCodes(db: Db, to: string, codes: string[]) {
    const clock = testClock();
    for (const code of codes) {
      await sendEmail(db, { template: "signup-code", props: { union, code }, to, from: "noreply@example.jp" }, { clock, transport: mailboxTransport(db, { clock }) });
      clock.advance(MINUTE);
    }
  }

  it("GET /dev/mailbox.json?to= lists that address's mail, newest first, case-blind", async () => {
    await deliverCodes(t.db, "Hanako@Example.com", ["111111", "222222"]);
    await deliverCodes(t.db, "other@example.com", ["333333"]);

    const res = await mailboxJson(new Request("http://localhost/dev/mailbox.json?to=hanako%40example.com"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { to: string; subject: string; text: string; createdAt: string }[];
    expect(body).toHaveLength(2);
    expect(Object.keys(body[0]).sort()).toEqual(["createdAt", "subject", "text", "to"]);
    expect(body[0].text.split("\n")).toContain("222222");
    expect(body[1].text.split("\n")).toContain("111111");
    expect(body[0].to).toBe("Hanako@Example.com");
    expect(new Date(body[0].createdAt).toISOString()).toBe(body[0].createdAt);
    expect(body[0].createdAt > body[1].createdAt).toBe(true);

    const all = (await (await mailboxJson(new Request("http://localhost/dev/mailbox.json"))).json()) as unknown[];
    expect(all).toHaveLength(3);
  });

  it("hides the mailbox when real mail is configured", async () => {
    state.resendKey = "re_live";
    expect((await mailboxJson(new Request("http://localhost/dev/mailbox.json"))).status).toBe(404);
    await expect(MailboxPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    expect(MailboxBanner()).toBeNull();
  });

  it("renders the mailbox page and the banner in Japanese", async () => {
    await deliverCodes(t.db, "page@example.com", ["444444"]);
    const html = renderToStaticMarkup(await MailboxPage({ searchParams: Promise.resolve({ to: "PAGE@example.com" }) }));
    expect(html).toContain("メールボックス");
    expect(html).toContain("444444");
    expect(html).toContain("page@example.com");
    expect(html).toContain("日本時間");
    const banner = renderToStaticMarkup(MailboxBanner()!);
    expect(banner).toContain("実際には送信されません");
    expect(banner).toContain('href="/dev/mailbox"');
  });

  it("the cron route delivers due mail, and wants the secret when one is set", async () => {
    await enqueueEmail(t.db, { template: "signup-code", props: { union, code: "555555" }, to: "cron@example.com", from: "noreply@example.jp" });

    vi.stubEnv("CRON_SECRET", "s3cret");
    expect((await cron.GET(new Request("http://localhost/api/cron/outbox"))).status).toBe(401);
    expect((await cron.POST(new Request("http://localhost/api/cron/outbox", { method: "POST", headers: { authorization: "Bearer wrong" } }))).status).toBe(401);

    const res = await cron.GET(new Request("http://localhost/api/cron/outbox", { headers: { authorization: "Bearer s3cret" } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await t.db.select().from(devMailbox)).toHaveLength(1);
  });

  it("the cron route also prunes mail past its retention and stale sign-up requests", async () => {
    const day = 86_400_000;
    const old = new Date(Date.now() - 31 * day);
    const { id: oldId } = await enqueueEmail(t.db, { template: "signup-code", props: { union, code: "666666" }, to: "old@example.com", from: "noreply@example.jp" }, { clock: { now: () => old } });
    await t.db.update(emailOutbox).set({ status: "sent", text: "", html: "" }).where(eq(emailOutbox.id, oldId));
    const u = await createUnion(t.db);
    const entry = await createRosterEntry(t.db, { unionId: u.id });
    await t.db.insert(signupRequests).values({ tokenHash: `stale-${oldId}-${entry.id}`, unionId: u.id, rosterEntryId: entry.id, createdAt: old, expiresAt: new Date(old.getTime() + 30 * 60_000) });

    const res = await cron.GET(new Request("http://localhost/api/cron/outbox"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ pruned: { outbox: 1, signupRequests: 1 } });
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, oldId))).toHaveLength(0);
    expect(await t.db.select().from(signupRequests).where(eq(signupRequests.rosterEntryId, entry.id))).toHaveLength(0);
  });
});
