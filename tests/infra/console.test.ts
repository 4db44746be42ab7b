import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { consoleBundling } from "../../infra/constructs/console.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { type Props, resourcesOf, synthHerald } from "./helpers.js";

describe("console: its own function behind GET /console on the API's domain", () => {
  let template: Template;
  let consoleFn: [string, Props];
  beforeAll(() => {
    template = synthHerald().template;
    consoleFn = resourcesOf(template, "AWS::Lambda::Function").find(
      ([, fn]) => (fn as Props).Properties.Description === FUNCTION_SPECS.console.description,
    ) as [string, Props];
  });

  it("has a function of its own, arm64 on the project's runtime", () => {
    expect(consoleFn).toBeDefined();
    expect(consoleFn[1].Properties.Architectures).toEqual(["arm64"]);
    expect(consoleFn[1].Properties.MemorySize).toBe(FUNCTION_SPECS.console.memorySize);
  });

  it("routes GET /console, GET /console/{proxy+}, GET /docs and GET /openapi.json to it, and nothing else", () => {
    const all = resourcesOf(template, "AWS::ApiGatewayV2::Route");
    const routes = all.filter(([id]) => id.startsWith("Console")).map(([, r]) => (r as Props).Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      "GET /console",
      "GET /console/{proxy+}",
      "GET /docs",
      "GET /openapi.json",
    ]);
    // No other route reaches the console's integration.
    const consoleIntegration = resourcesOf(template, "AWS::ApiGatewayV2::Integration").find(([, i]) =>
      JSON.stringify((i as Props).Properties.IntegrationUri).includes(consoleFn[0]),
    )?.[0] as string;
    for (const [id, r] of all.filter(([id]) => !id.startsWith("Console")))
      expect(JSON.stringify((r as Props).Properties.Target), id).not.toContain(consoleIntegration);
    const integrations = Object.fromEntries(
      resourcesOf(template, "AWS::ApiGatewayV2::Integration").map(([id, i]) => [
        id,
        JSON.stringify((i as Props).Properties.IntegrationUri),
      ]),
    );
    for (const route of routes.filter((r) => r.RouteKey !== "$default")) {
      const target = JSON.stringify(route.Target);
      const integrationId = Object.keys(integrations).find((id) => target.includes(id)) as string;
      expect(integrations[integrationId], route.RouteKey).toContain(consoleFn[0]);
    }
  });

  it("holds no data and no secret: its role may only write its own logs", () => {
    const roleId = consoleFn[1].Properties.Role["Fn::GetAtt"][0];
    const statements = resourcesOf(template, "AWS::IAM::Policy")
      .map(([, p]) => (p as Props).Properties)
      .filter((p) => p.Roles.some((r: Props) => r.Ref === roleId))
      .flatMap((p) => p.PolicyDocument.Statement as Array<{ Action: string | string[] }>);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(
      actions.every((a) => a.startsWith("logs:")),
      actions.join(", "),
    ).toBe(true);
    expect(consoleFn[1].Properties.Environment?.Variables?.HERALD_TABLE_NAME).toBeUndefined();
  });

  it("builds the browser files into the bundle with the project's script", () => {
    const commands = consoleBundling().commandHooks?.afterBundling("/in", "/out") ?? [];
    expect(commands).toEqual([
      'cd "/in" && node_modules/.bin/tsx scripts/build-console.ts "/out/console-assets"',
    ]);
    expect(consoleBundling().externalModules).toEqual(["@aws-sdk/*"]);
  });
});
