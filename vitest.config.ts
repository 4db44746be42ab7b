import { defineConfig } from "vitest/config";

/**
 * Three projects, so a change can be tested at the speed of its room:
 * - unit: pure code and in-memory ports; no Java, no network (`npm run test:unit`, seconds);
 * - integration: DynamoDB Local (started once per run by the global setup; every file makes its
 *   own table) and the SES stand-in (`npm run test:integration`);
 * - infra: the CDK stack synthesized and checked (`npm run test:infra`);
 * - browser: pages in Debian's Chromium (`/usr/bin/chromium`) driven by Playwright, with axe-core,
 *   against the local runtime on DynamoDB Local (`npm run test:browser`).
 * `npm test` runs them all.
 */
export default defineConfig({
  test: {
    pool: "forks",
    // Vitest's default is one worker per core but one (2 - 1 = 1 here), which ran the files one after
    // another. Most integration files wait on DynamoDB Local, the SES stand-in or a child process
    // rather than on the CPU, so three files at a time keep two cores busy; timeouts below are for
    // hangs, so a busier machine only makes each file slower, not red. HERALD_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.HERALD_TEST_WORKERS) || 3,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // Timeouts catch hangs, not slowness: a shared two-core machine can take minutes for a synth
    // or a fault-injection run that takes seconds when it is quiet. Speed is measured by `npm run bench`.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    projects: [
      {
        extends: true,
        // Unit files are pure and restore what they change (fake timers), so each worker loads the
        // modules once for all its files: 40 s → 16 s on this two-core machine, most of it imports.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], pool: "threads", isolate: false },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
        },
      },
      {
        extends: true,
        // One module graph for all infra files in a worker: aws-cdk-lib loads once and the default
        // stack is synthesized once (synthHerald caches by context; tests only read templates).
        test: { name: "infra", include: ["tests/infra/**/*.test.ts"], isolate: false },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
