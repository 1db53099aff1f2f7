#!/usr/bin/env bash
# `npm test`: every suite, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-machine.sh
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$1"; }
step "typecheck and lint"; npm run --silent typecheck && npx eslint --quiet .
step "unit tests";          npx vitest run --project unit
step "integration tests (PGlite + PostgreSQL)"; npx vitest run --project integration
step "production build";    npm run --silent build
step "end-to-end tests (Chromium: Pixel 7, iPhone 13, desktop)"; npx playwright test
