import { App } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, EDGE_ORIGIN_HEADER } from "../../functions/domain/edge-headers.js";
import { configFromContext } from "../../infra/config.js";
import { clientIpFunctionCode } from "../../infra/constructs/edge-rules.js";
import { HeraldStack } from "../../infra/herald-stack.js";
import { cdkJsonContext, handlersDir, logicalId, type Props, resourcesOf, synthHerald } from "./helpers.js";

const only = (template: Template, type: string): Props => {
  const all = resourcesOf(template, type);
  expect(all, type).toHaveLength(1);
  return (all[0]?.[1] as Props | undefined)?.Properties;
};

describe("per-route budgets on the HTTP API", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald({ webhookRateLimit: 7, unsubscribeRateLimit: 9 }).template;
  });

  it("webhooks and unsubscribes have throttles of their own, apart from the stage's shared budget", () => {
    const stage = resourcesOf(template, "AWS::ApiGatewayV2::Stage")[0]?.[1] as Props;
    const settings = stage.Properties.RouteSettings as Props;
    expect(settings["POST /v1/webhooks/{proxy+}"]).toEqual({
      ThrottlingRateLimit: 7,
      ThrottlingBurstLimit: 20,
    });
    expect(settings["POST /v1/unsubscribe"]).toEqual({ ThrottlingRateLimit: 9, ThrottlingBurstLimit: 40 });
    expect(settings["GET /v1/unsubscribe"]).toEqual({ ThrottlingRateLimit: 9, ThrottlingBurstLimit: 40 });
    // The usual flood targets spend a small budget of their own, not the stage's.
    expect(settings["GET /health"]).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 });
    expect(Object.keys(settings)).toEqual(
      expect.arrayContaining([
        "GET /v1/editions/{id}/card.png",
        "GET /v1/editions/{id}/web",
        "GET /v1/briefings/{id}/web/{topics}",
      ]),
    );
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
  });

  it("every throttled route exists, goes to the API function, and is created before the stage names it", () => {
    const stage = resourcesOf(template, "AWS::ApiGatewayV2::Stage")[0]?.[1] as Props;
    const routes = resourcesOf(template, "AWS::ApiGatewayV2::Route");
    const keys = routes.map(([, r]) => (r as Props).Properties.RouteKey);
    for (const key of [...Object.keys(stage.Properties.RouteSettings), "$default"])
      expect(keys).toContain(key);
    // Beside them only the console's own routes (GET /console…, /docs, /openapi.json: console.test.ts)
    // and the tracking function's (tracking.test.ts).
    const apiRoutes = routes.filter(([id]) => !id.startsWith("Console") && !id.startsWith("Tracking"));
    const targets = new Set(apiRoutes.map(([, r]) => JSON.stringify((r as Props).Properties.Target)));
    expect(targets.size).toBe(1);
    for (const [id] of apiRoutes) expect(stage.DependsOn).toContain(id);
  });
});

describe("the edge: CloudFront with AWS WAF per-client limits (on by default)", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald().template;
  });

  it("a CLOUDFRONT web ACL limits each client IP, all requests and writes apart, over 5 minutes", () => {
    const acl = only(template, "AWS::WAFv2::WebACL");
    expect(acl.Scope).toBe("CLOUDFRONT");
    const rate = (name: string) =>
      acl.Rules.find((r: Props) => r.Name === name)?.Statement.RateBasedStatement;
    expect(rate("ClientRate")).toMatchObject({
      Limit: 1000,
      AggregateKeyType: "IP",
      EvaluationWindowSec: 300,
    });
    expect(rate("ClientWriteRate")).toMatchObject({ Limit: 100, AggregateKeyType: "IP" });
    // Writes by readers; the CMS's webhooks are left to their route budget.
    expect(JSON.stringify(rate("ClientWriteRate").ScopeDownStatement)).toContain("/v1/webhooks/");
    for (const r of acl.Rules.filter((r: Props) => r.Statement.RateBasedStatement))
      expect(r.Action, r.Name).toEqual({ Block: {} });
  });

  it("the distribution is behind the ACL, forwards everything uncached, and caches the card and the web version", () => {
    const dist = only(template, "AWS::CloudFront::Distribution").DistributionConfig;
    expect(dist.WebACLId).toEqual({
      "Fn::GetAtt": [logicalId(template, "AWS::WAFv2::WebACL", "WebAcl"), "Arn"],
    });
    expect(dist.DefaultCacheBehavior.AllowedMethods).toHaveLength(7);
    expect(dist.DefaultCacheBehavior.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); // CachingDisabled
    const cached = Object.fromEntries(dist.CacheBehaviors.map((b: Props) => [b.PathPattern, b]));
    expect(Object.keys(cached).sort()).toEqual([
      "/v1/briefings/*/web/*",
      "/v1/editions/*/card.png",
      "/v1/editions/*/web",
    ]);
    const policy = only(template, "AWS::CloudFront::CachePolicy").CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 300, MaxTTL: 86400 });
    for (const b of Object.values(cached)) expect((b as Props).AllowedMethods).toEqual(["GET", "HEAD"]);
  });

  it("links point at CloudFront, and the API knows the value CloudFront's origin requests carry", () => {
    const origin = only(template, "AWS::CloudFront::Distribution").DistributionConfig.Origins[0];
    const header = origin.OriginCustomHeaders.find((h: Props) => h.HeaderName === EDGE_ORIGIN_HEADER);
    const api = resourcesOf(template, "AWS::Lambda::Function").find(([id]) =>
      id.startsWith("ApiFunction"),
    )?.[1] as Props;
    const vars = api.Properties.Environment.Variables;
    expect(vars.HERALD_EDGE_ORIGIN_SECRET).toEqual(header.HeaderValue);
    expect(JSON.stringify(vars.HERALD_PUBLIC_URL)).toContain("DomainName");
    expect(JSON.stringify(header.HeaderValue)).toContain("AWS::StackId");
    // The tracking function too: it tells machines from readers by the client's address.
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      const secret = (fn as Props).Properties.Environment.Variables.HERALD_EDGE_ORIGIN_SECRET;
      if (/^(ApiFunction|TrackingFunction)/.test(id)) expect(secret, id).toEqual(header.HeaderValue);
      else expect(secret, id).toBeUndefined();
    }
  });

  it("CloudFormation refuses the stack outside us-east-1, where a CLOUDFRONT ACL cannot be made", () => {
    const rules = template.toJSON().Rules as Props;
    expect(JSON.stringify(Object.values(rules))).toContain('"us-east-1"');
    const app = new App({ context: { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [] } });
    expect(
      () =>
        new HeraldStack(app, "Elsewhere", {
          config: configFromContext(app.node),
          handlersDir: handlersDir(),
          env: { region: "eu-west-1", account: "123456789012" },
        }),
    ).toThrow(/us-east-1.*edge=false/);
  });

  it("the CloudFront Function overwrites the client IP header with the viewer's address", () => {
    const handler = new Function(`${clientIpFunctionCode(CLIENT_IP_HEADER)}; return handler;`)();
    const request = { headers: { [CLIENT_IP_HEADER]: { value: "10.0.0.1" }, host: { value: "x" } } };
    const out = handler({ viewer: { ip: "198.51.100.7" }, request });
    expect(out.headers[CLIENT_IP_HEADER]).toEqual({ value: "198.51.100.7" });
  });
});

describe("-c edge=false", () => {
  it("makes no CloudFront, WAF or region rule, and links point at the API", () => {
    const { template } = synthHerald({ edge: "false" });
    expect(resourcesOf(template, "AWS::CloudFront::Distribution")).toEqual([]);
    expect(resourcesOf(template, "AWS::WAFv2::WebACL")).toEqual([]);
    expect(JSON.stringify(template.toJSON().Rules ?? {})).not.toContain("us-east-1");
    const stage = resourcesOf(template, "AWS::ApiGatewayV2::Stage")[0]?.[1] as Props;
    expect(Object.keys(stage.Properties.RouteSettings)).toContain("POST /v1/webhooks/{proxy+}");
  });
});
