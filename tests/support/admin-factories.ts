// Admins for tests: a factory that knows the plain TOTP secret, and codes computed for any instant.
import type { DbOrTx } from "@/db/connect";
import { createAdmin, type AdminOptions } from "@/db/seed/factories";
import { totpCode } from "@/lib/admin/totp";

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

export async function createTestAdmin(db: DbOrTx, options: AdminOptions = {}) {
  const made = await createAdmin(db, { authSecret: TEST_AUTH_SECRET, ...options });
  return { ...made, codeAt: (at: Date) => totpCode(made.totpSecret, at) };
}
