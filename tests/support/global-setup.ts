// Integration tests run every database test twice: on an in-memory PGlite and on the local
// PostgreSQL server. This creates one migrated template database per run; each test file clones it
// (CREATE DATABASE … TEMPLATE) and drops its clone, and the template is dropped at the end.
import crypto from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrateDb, openDb } from "../../db/connect";

export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = `fuyo_tpl_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${template}`);
  const handle = await openDb({ url: withDatabase(ADMIN_URL, template), max: 1 });
  await migrateDb(handle);
  await handle.close();
  project.provide("pgTemplate", template);
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
