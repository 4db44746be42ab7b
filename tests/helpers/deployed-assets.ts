import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { App } from "aws-cdk-lib";
import { configFromContext } from "../../infra/config.js";
import { PROJECT_ROOT } from "../../infra/constructs/herald-function.js";
import { HeraldStack } from "../../infra/herald-stack.js";
import { cdkJsonContext } from "../infra/helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is untyped JSON.
type Json = Record<string, any>;

export interface DeployedFunction {
  /** Logical id without CDK's hash: `ApiFunction`, `SendingSend`… */
  name: string;
  /** The asset folder `cdk synth` wrote for it. */
  assetDir: string;
  /** The template's environment, CloudFormation references unresolved. */
  environment: Record<string, unknown>;
}

/**
 * `cdk synth` of the Herald stack with real bundling (esbuild, the renderer's fonts, templates and
 * arm64 resvg binary), into a temporary cloud assembly: the functions as `cdk deploy` would upload
 * them, with the environment the template gives each.
 */
export function synthDeployed(context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "herald-assembly-"));
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...context } });
  new HeraldStack(app, "Herald", { config: configFromContext(app.node) });
  const assembly = app.synth();
  const template = assembly.getStackByName("Herald").template as Json;
  const functions: DeployedFunction[] = Object.entries(template.Resources as Json)
    .filter(([, r]) => r.Type === "AWS::Lambda::Function" && String(r.Properties.Handler) === "index.handler")
    .map(([id, r]) => ({
      name: id.replace(/[0-9A-F]{8}$/, ""),
      assetDir: join(outdir, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, "")}`),
      environment: r.Properties.Environment.Variables,
    }));
  return { template, functions };
}

/**
 * The packages of the AWS SDK v3 and everything they depend on, as the lock file resolves them:
 * what Lambda's Node runtime provides beside the function's own code.
 */
function sdkPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !lock.packages[`node_modules/${name}`]) return;
    seen.add(name);
    for (const dep of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(dep);
  };
  for (const path of Object.keys(lock.packages)) {
    const m = /^node_modules\/(@aws-sdk\/[^/]+)$/.exec(path);
    if (m?.[1]) visit(m[1]);
  }
  return [...seen];
}

const BOOTSTRAP = `
import { readFileSync, writeFileSync } from "node:fs";
const [eventFile, resultFile] = process.argv.slice(2);
const { handler } = await import("./index.mjs");
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: "test-request",
  getRemainingTimeInMillis: () => 30000, callbackWaitsForEmptyEventLoop: true,
};
const result = await handler(JSON.parse(readFileSync(eventFile, "utf8")), context);
writeFileSync(resultFile, JSON.stringify(result ?? null));
`;

/**
 * Copies an asset into a folder of its own where nothing but the SDK resolves (`node_modules` holds
 * links to the SDK's packages only), with `extra` packages added (the machine's own resvg binary
 * for the renderer, whose asset carries linux-arm64's) and a bootstrap that invokes the handler.
 */
export function stageAsset(fn: DeployedFunction, extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `herald-${fn.name}-`));
  cpSync(fn.assetDir, dir, { recursive: true, dereference: true });
  for (const name of [...sdkPackages(), ...extra]) {
    mkdirSync(join(dir, "node_modules", name, ".."), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, "node_modules", name), join(dir, "node_modules", name));
  }
  writeFileSync(join(dir, "bootstrap.mjs"), BOOTSTRAP);
  return dir;
}

/**
 * Invokes the staged handler in a fresh `node` with exactly `env` (and PATH): one cold start and
 * one invocation, as Lambda would run it. Resolves with the handler's return value and its logs.
 */
export async function invokeStaged(dir: string, env: Record<string, string>, event: unknown) {
  const eventFile = join(dir, `event-${Date.now()}.json`);
  const resultFile = `${eventFile}.result`;
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["bootstrap.mjs", eventFile, resultFile],
    { cwd: dir, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
  });
  return { result: JSON.parse(readFileSync(resultFile, "utf8")) as Json, logs: `${stdout}${stderr}` };
}
