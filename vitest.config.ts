import { defineConfig } from "vitest/config";

// DynamoDB Local starts once per run (global setup); every test file makes its own table in it.
export default defineConfig({
  test: {
    include: [
      "tests/unit/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/infra/**/*.test.ts",
      // The console in a real Chromium (Debian's, /usr/bin/chromium) against the local runtime.
      "tests/browser/**/*.test.ts",
    ],
    globalSetup: ["tests/helpers/global-setup.ts"],
    pool: "forks",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
