import { Validations } from "aws-cdk-lib";
import { HttpMethod, HttpRoute, HttpRouteKey } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { BundlingOptions } from "aws-cdk-lib/aws-lambda-nodejs";
import { Construct } from "constructs";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldApi } from "./api.js";
import { bundlingFor, HeraldFunction } from "./herald-function.js";

/**
 * The API's bundling plus the console's browser files: esbuild builds `console/` into
 * `console-assets/` beside the handler, where `functions/handlers/console.ts` reads them.
 */
export function consoleBundling(): BundlingOptions {
  return {
    ...bundlingFor(false),
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [
        `cd "${inputDir}" && node_modules/.bin/tsx scripts/build-console.ts "${outputDir}/console-assets"`,
      ],
    },
  };
}

/**
 * The newsroom console on the API's own domain: `GET /console` and `/console/*` (and the API's
 * reference, `GET /docs` and `/openapi.json`, static files too) go to a small function of its own, so the API's bundle stays within its budget and the console is same-origin
 * with the API (the session cookie is SameSite=Strict and the CSRF header needs no CORS).
 */
export class HeraldConsole extends Construct {
  readonly fn: HeraldFunction;

  constructor(scope: Construct, id: string, props: { api: HeraldApi; handlersDir: string }) {
    super(scope, id);
    this.fn = new HeraldFunction(this, "Function", {
      ...FUNCTION_SPECS.console,
      handlersDir: props.handlersDir,
      bundling: consoleBundling(),
    });
    const integration = new HttpLambdaIntegration("Console", this.fn);
    for (const [routeId, path] of [
      ["Root", "/console"],
      ["Pages", "/console/{proxy+}"],
      ["Reference", "/docs"],
      ["OpenApi", "/openapi.json"],
    ] as const) {
      const route = new HttpRoute(this, routeId, {
        httpApi: props.api.httpApi,
        routeKey: HttpRouteKey.with(path, HttpMethod.GET),
        integration,
      });
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The console's pages and scripts and the API reference are the same public files for everyone and carry no data; " +
          "each page asks the API for the session, and the API authorizes every data call itself.",
      });
    }
  }
}
