import { Logger } from "@aws-lambda-powertools/logger";
import { configFromEnv } from "../../functions/adapters/env-config.js";
import { secretsFromEnv } from "../../functions/adapters/env-secrets.js";
import { localApp } from "../../functions/local/local-app.js";
import { type LocalRuntimeOptions, localRuntime } from "../../functions/local/runtime.js";
import { mjmlRenderers } from "../../functions/render/renderers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/**
 * Herald as `npm start` wires it, on `tableName`, for one benchmark process: the local runtime
 * and the Hono app over it. `options` adds what the measurement needs (clock, held sends, …).
 */
export function benchRuntime(
  tableName: string,
  dynamoEndpoint: string,
  sesEndpoint: string,
  options: Partial<LocalRuntimeOptions> = {},
) {
  const config = { ...configFromEnv({ HERALD_PUBLIC_URL: "https://news.bench.example" }), tableName };
  const runtime = localRuntime({
    config,
    secrets: secretsFromEnv({}),
    dynamoEndpoint,
    sesEndpoint,
    log: new Logger({ serviceName: "bench", logLevel: "ERROR" }),
    renderers: mjmlRenderers,
    ...options,
  });
  return { runtime, config, app: localApp(runtime) };
}
