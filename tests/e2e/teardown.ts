import fs from "node:fs";
import postgres from "postgres";
import { E2E_ADMIN_URL, e2eSql, serverLogFile } from "./db";
import { PASSWORD } from "./fixtures";

/**
 * After the whole run: no log line of the server may hold a password the suite typed or a
 * 認証番号 it was mailed. Then the run's database is dropped.
 */
export default async function teardown() {
  try {
    const file = serverLogFile();
    if (fs.existsSync(file)) {
      const logs = fs.readFileSync(file, "utf8");
      const mails = await e2eSql()`select text from dev_mailbox`;
      const codes = new Set(mails.flatMap((m) => [...String(m.text).matchAll(/認証番号[^0-9]{0,20}(\d{6})/g)].map((x) => x[1])));
      // Request ids, hashes and random keys are hex: six digits between two of their letters are
      // chance, not a mailed code (a log of 10,000 lines holds over a thousand such runs).
      const text = logs.replace(/[0-9a-f-]{8,}/gi, (token) => (/[a-f]/i.test(token) ? "·" : token));
      const leaks = [PASSWORD, ...codes].filter((secret) => new RegExp(`(^|\\D)${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\D|$)`).test(text));
      if (!logs.includes('"msg":"request"')) throw new Error(`the server log ${file} has no request lines: is it being written?`);
      const cspReports = logs.split("\n").filter((line) => line.includes('"msg":"csp violation"'));
      if (cspReports.length > 0) throw new Error(`browsers reported ${cspReports.length} CSP violation(s) during the run:\n${cspReports.slice(0, 5).join("\n")}`);
      if (leaks.length > 0) throw new Error(`the server log holds ${leaks.length} secret(s) the suite used (a password or a mailed code): ${file}`);
      console.log(`log check: ${logs.split("\n").length} lines, ${codes.size} mailed codes and the test password, none in the log`);
    }
  } finally {
    await e2eSql().end();
    const admin = postgres(E2E_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${process.env.E2E_DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}
