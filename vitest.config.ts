import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside a React Server Component bundle; tests import lib/ directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
};

// Tests never read .data/: a fixed secret, and no real mail.
const testEnv = { AUTH_SECRET: "test-secret-test-secret-test-secret-0123", RESEND_API_KEY: "" };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", env: testEnv },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          env: testEnv,
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file clones its own Postgres database and opens its own PGlite, so files can run side
          // by side; two at a time keeps memory and the timing tests' noise in bounds on 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
