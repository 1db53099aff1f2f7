// A stand-in for the Resend API, reached through RESEND_BASE_URL (resendTransport's baseUrl).
// Records every POST /emails with its Idempotency-Key, and behaves like Resend where it matters:
// a repeated key returns the first response instead of sending again.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  body: { from: string; to: string | string[]; subject: string; html?: string; text?: string };
  idempotencyKey: string | null;
  authorization: string | null;
}

export interface FakeResend {
  url: string;
  /** Every request received, including refused ones and idempotent repeats. */
  requests: RecordedRequest[];
  /** Emails actually "sent": one per idempotency key. */
  sent: RecordedRequest[];
  /** Refuse the next `times` requests with this status and Resend error name. */
  fail(times: number, status?: number, name?: string): void;
  /**
   * Accept (and "send") the next `times` requests but never answer them, as when Resend's reply is
   * lost: the client must time out, and its retry with the same key must not send again.
   */
  hang(times: number): void;
  /** Forget every request, key and scheduled failure (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeResend(): Promise<FakeResend> {
  const requests: RecordedRequest[] = [];
  const sent: RecordedRequest[] = [];
  const byKey = new Map<string, string>();
  let failures: { times: number; status: number; name: string } = { times: 0, status: 500, name: "internal_server_error" };
  let hangs = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/emails") {
        return reply(404, { statusCode: 404, name: "not_found", message: "not found" });
      }
      const record: RecordedRequest = {
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        idempotencyKey: header(req, "idempotency-key"),
        authorization: header(req, "authorization"),
      };
      requests.push(record);
      if (failures.times > 0) {
        failures.times -= 1;
        return reply(failures.status, { statusCode: failures.status, name: failures.name, message: "fake failure" });
      }
      const seen = record.idempotencyKey ? byKey.get(record.idempotencyKey) : undefined;
      if (seen) return reply(200, { id: seen });
      const id = crypto.randomUUID();
      if (record.idempotencyKey) byKey.set(record.idempotencyKey, id);
      sent.push(record);
      if (hangs > 0) {
        hangs -= 1;
        return; // no answer; closeAllConnections() ends the socket
      }
      reply(200, { id });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent,
    fail(times, status = 500, name = "internal_server_error") {
      failures = { times, status, name };
    },
    hang(times) {
      hangs = times;
    },
    reset() {
      hangs = 0;
      requests.length = 0;
      sent.length = 0;
      byKey.clear();
      failures = { times: 0, status: 500, name: "internal_server_error" };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // fetch keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
