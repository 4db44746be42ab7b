import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { cardFontCommands, resvgArm64Commands } from "./card-assets.js";

/** The repository root: esbuild resolves `node_modules` and the lock file from here. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** One place to move every function to the next Node LTS runtime. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

/**
 * esbuild emits ESM, but some dependencies still call `require` (Node built-ins from CommonJS
 * code); in an ES module there is no `require`, so the banner defines one.
 */
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Bundling for every function. The AWS SDK v3 is left to the Node 22 runtime's own copy: bundling
 * it would add ~440 KB to every function (the API bundle would be 671 KB instead of 231 KB, past
 * its 300 KB budget) and longer cold starts, for calls the runtime's SDK has supported for years
 * (SendBulkEmail with per-entry headers, TransactWriteItems). `renderer` is the one function
 * that carries MJML and the card renderer: mjml 5 bundles only with `typescript` external (an
 * optional code path that never runs here), and its templates are read from disk next to the bundle.
 *
 * The card's rasterizer, `@resvg/resvg-js`, is native and stays external, with its linux-arm64
 * binary installed into the asset (`card-assets.ts`). Its WebAssembly build (`@resvg/resvg-wasm`)
 * would need no per-platform binary but is not a dependency, and renders slower (~95 ms a card
 * warm against ~60–105 ms native, plus ~70 ms to instantiate, measured in the social APIs
 * reference §3). The fonts are copied beside the bundle, where `fonts.ts` looks for them.
 */
export function bundlingFor(renderer: boolean): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: "node22",
    platform: "node",
    mainFields: ["module", "main"],
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    banner: REQUIRE_BANNER,
    externalModules: renderer ? ["@aws-sdk/*", "typescript", "@resvg/resvg-js"] : ["@aws-sdk/*"],
    ...(renderer
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => [
              `mkdir -p "${outputDir}/templates"`,
              `cp -r "${inputDir}/templates/email" "${outputDir}/templates/email"`,
              ...cardFontCommands(inputDir, outputDir),
              ...resvgArm64Commands(inputDir, outputDir),
            ],
          },
        }
      : {}),
  };
}

export interface HeraldFunctionProps {
  /** The handler file, relative to `handlersDir`; it exports `handler`. */
  entry: string;
  /** Where the handler files live (tests may point at stubs). */
  handlersDir: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  /** Only the function that renders MJML sets this. */
  renderer?: boolean;
  logRetention?: RetentionDays;
  /** Bundling other than {@link bundlingFor}'s (the console adds its built assets). */
  bundling?: BundlingOptions;
}

/**
 * A Lambda function as every Herald function should be: arm64 (cheaper per ms for this I/O-bound
 * code), ESM with source maps, JSON logs into its own log group with a retention (subscriber data
 * appears in logs, so they must not live forever), and a role of its own that holds nothing but
 * writing to that log group until a construct grants it exactly what it touches. The AWS-managed
 * `AWSLambdaBasicExecutionRole` would grant `logs:*` on every log group in the account.
 */
export class HeraldFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HeraldFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Herald ${id}: ${props.description}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(props.handlersDir, props.entry),
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      bundling: props.bundling ?? bundlingFor(props.renderer ?? false),
      environment: { NODE_OPTIONS: "--enable-source-maps" },
    });
    Validations.of(this).acknowledge({
      id: "AwsSolutions-L1",
      reason: `Runs ${LAMBDA_RUNTIME.name}, the Node LTS the code and its tests target (the design allows 22 or 24); LAMBDA_RUNTIME above moves every function at once.`,
    });
  }
}
