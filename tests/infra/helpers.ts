import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { configFromContext } from "../../infra/config.js";
import { PROJECT_ROOT } from "../../infra/constructs/herald-function.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { HeraldStack } from "../../infra/herald-stack.js";
import { enableNag } from "../../infra/nag.js";

const REAL_HANDLERS = join(PROJECT_ROOT, "functions", "handlers");
const STUB_HANDLERS = fileURLToPath(new URL("./fixtures/handlers/", import.meta.url));

/**
 * CDK insists that every entry file exists even when bundling is skipped. The real handlers are used
 * as soon as they are all there; until then, one-line stubs with the same file names.
 */
export function handlersDir(): string {
  const all = Object.values(FUNCTION_SPECS).every((spec) => existsSync(join(REAL_HANDLERS, spec.entry)));
  return all ? REAL_HANDLERS : STUB_HANDLERS;
}

/** The feature flags `cdk synth` runs with, so the tests see the template the CLI would produce. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")).context;
}

/**
 * A fresh App configured like `infra/app.ts` (cdk-nag included), with bundling skipped: each synth
 * takes a second or two instead of running esbuild three times.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  const app = new App({ context: { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [], ...context } });
  enableNag(app);
  return app;
}

type Synth = { app: App; stack: HeraldStack; template: Template };
const synths = new Map<string, Synth>();

/**
 * The Herald stack synthesized with `context`, once per test file and context: a template is only
 * read by the tests, so describes that need the same settings share one synth.
 */
export function synthHerald(context: Record<string, unknown> = {}): Synth {
  const key = JSON.stringify(context);
  let synth = synths.get(key);
  if (!synth) {
    const app = testApp(context);
    const stack = new HeraldStack(app, "Herald", {
      config: configFromContext(app.node),
      handlersDir: handlersDir(),
    });
    synth = { app, stack, template: Template.fromStack(stack) };
    synths.set(key, synth);
  }
  return synth;
}

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is untyped JSON.
export type Props = Record<string, any>;

/** `[logicalId, resource]` for every resource of `type`. */
export function resourcesOf(template: Template, type: string): Array<[string, Props]> {
  return Object.entries(template.findResources(type) as Record<string, Props>);
}

/** The logical id of the single resource of `type` whose logical id contains `hint`. */
export function logicalId(template: Template, type: string, hint: string): string {
  const ids = resourcesOf(template, type)
    .map(([id]) => id)
    .filter((id) => id.includes(hint));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} matching ${hint}, found ${ids.join(", ") || "none"}`);
  return ids[0] as string;
}

/**
 * The console's function serves static files and holds no data, no secret and no runtime settings
 * (tests/infra/console.test.ts checks that); the "every function" checks of the data path skip it.
 */
export const isConsoleFunction = (logicalId: string) => logicalId.startsWith("ConsoleFunction");
