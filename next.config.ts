import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { checkServingEnv, EnvError, parseEnv } from "./lib/env";
import { securityHeaders } from "./lib/http/security-headers";

export default function config(phase: string): NextConfig {
  // A production server with a bad environment stops here, with one sentence naming the variable.
  if (phase === PHASE_PRODUCTION_SERVER) {
    try {
      checkServingEnv(parseEnv(process.env, true));
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
  }
  return {
    // A separate build directory lets two builds (e.g. two test runs) coexist on one machine.
    distDir: process.env.NEXT_DIST_DIR || ".next",
    poweredByHeader: false,
    // Native and WASM packages are loaded by Node at run time, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pino", "pino-pretty", "sharp", "libheif-js", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
    async headers() {
      return [
        { source: "/:path*", headers: securityHeaders() },
        // The lean pages' script is named by its content's hash (scripts/build-lean.ts).
        { source: "/lean/:file*", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
      ];
    },
  };
}
