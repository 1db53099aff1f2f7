import postgres from "postgres";
import { E2E_ADMIN_URL } from "./db";

export default async function teardown() {
  const admin = postgres(E2E_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${process.env.E2E_DB_NAME} WITH (FORCE)`);
  await admin.end();
}
