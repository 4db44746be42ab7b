import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { type Props, resourcesOf, synthHerald } from "./helpers.js";

describe("tracking: tracked links, the pixel and the stats in a function of their own", () => {
  let template: Template;
  let trackingFn: [string, Props];
  beforeAll(() => {
    template = synthHerald({ trackingRateLimit: "150", trackingBurstLimit: "300" }).template;
    trackingFn = resourcesOf(template, "AWS::Lambda::Function").find(
      ([, fn]) => (fn as Props).Properties.Description === FUNCTION_SPECS.tracking.description,
    ) as [string, Props];
  });

  it("routes the tracked link and pixel (GET and HEAD), the three stats endpoints and the subscriber export to it, and nothing else", () => {
    const all = resourcesOf(template, "AWS::ApiGatewayV2::Route");
    const routes = all.filter(([id]) => id.startsWith("Tracking")).map(([, r]) => (r as Props).Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      "GET /o/{token}",
      "GET /r/{token}",
      "GET /v1/briefings/{id}/stats",
      "GET /v1/editions/{id}/stats",
      "GET /v1/stats/audience",
      "GET /v1/subscribers/export",
      "HEAD /o/{token}",
      "HEAD /r/{token}",
    ]);
    const integrations = resourcesOf(template, "AWS::ApiGatewayV2::Integration").map(([id, i]) => [
      id,
      JSON.stringify((i as Props).Properties.IntegrationUri),
    ]);
    const mine = integrations.find(([, uri]) => uri?.includes(trackingFn[0]))?.[0] as string;
    expect(mine).toBeDefined();
    for (const r of routes) expect(JSON.stringify(r.Target), r.RouteKey).toContain(mine);
    for (const [id, r] of all.filter(([id]) => !id.startsWith("Tracking")))
      expect(JSON.stringify((r as Props).Properties.Target), id).not.toContain(mine);
  });

  it("gives the readers' routes the tracking budget from context, named by the stage after they exist", () => {
    const [[stageId, stage]] = resourcesOf(template, "AWS::ApiGatewayV2::Stage") as [[string, Props]];
    for (const key of ["GET /r/{token}", "HEAD /r/{token}", "GET /o/{token}", "HEAD /o/{token}"]) {
      expect(stage.Properties.RouteSettings[key], key).toEqual({
        ThrottlingRateLimit: 150,
        ThrottlingBurstLimit: 300,
      });
    }
    const readerRoutes = resourcesOf(template, "AWS::ApiGatewayV2::Route").filter(([id]) =>
      /^Tracking(Click|Open)/.test(id),
    );
    expect(readerRoutes).toHaveLength(4);
    for (const [id] of readerRoutes) expect(stage.DependsOn, stageId).toContain(id);
  });

  it("is told HERALD_TRACKING from the tracking context, as every function is", () => {
    const t = synthHerald({ tracking: "opens,clicks" }).template;
    const fns = resourcesOf(t, "AWS::Lambda::Function").map(([, f]) => (f as Props).Properties);
    const tracked = fns.filter((f) => f.Environment?.Variables?.HERALD_TRACKING === "opens,clicks");
    expect(tracked.map((f) => f.Description)).toContain(FUNCTION_SPECS.tracking.description);
    expect(tracked.map((f) => f.Description)).toContain(FUNCTION_SPECS.send.description);
  });

  it("counts in a recorder of its own: up to 1,000 events a batch gathered up to 5 s, 5 batches at once", () => {
    const mappings = resourcesOf(template, "AWS::Lambda::EventSourceMapping").map(
      ([, m]) => (m as Props).Properties,
    );
    const recorder = resourcesOf(template, "AWS::Lambda::Function").find(
      ([, fn]) => (fn as Props).Properties.Description === FUNCTION_SPECS.recordEngagement.description,
    ) as [string, Props];
    const mine = mappings.filter((m) => JSON.stringify(m.FunctionName).includes(recorder[0]));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 5 },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(JSON.stringify(mine[0].EventSourceArn)).toContain("TrackingEngagementQueue");
    // Every function can name the queue; the tracking function alone is granted to send to it.
    expect(trackingFn[1].Properties.Environment.Variables.HERALD_ENGAGEMENT_QUEUE_URL).toBeDefined();
  });
});
