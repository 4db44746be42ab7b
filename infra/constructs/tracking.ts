import { Duration, Validations } from "aws-cdk-lib";
import { HttpMethod, HttpRoute, HttpRouteKey } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Construct } from "constructs";
import type { HeraldConfig } from "../config.js";
import { FUNCTION_ACCESS } from "../function-access.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldApi } from "./api.js";
import type { HeraldData } from "./data.js";
import { HeraldFunction } from "./herald-function.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";
import type { HeraldSecrets } from "./secrets.js";
import { WorkerQueue } from "./worker-queue.js";

/**
 * Events a recorder counts at once, and recorders at once: at most a few writes per second per
 * counter. Up to 1,000 (SQS allows 10,000 with a batching window): a batch's marks still go 100 to a
 * request, but its counters move once per 1,000 events, not once per 100.
 */
const RECORDER_BATCH = 1000;
const RECORDER_CONCURRENCY = 5;

/** Readers' routes: a throttle of their own, so a big send's clicks neither starve nor are starved. */
const READER_ROUTES = [
  ["Click", "/r/{token}"],
  ["Open", "/o/{token}"],
] as const;
/** Admin reads and exports (the app's guard checks the key or session and the role). */
const STATS_ROUTES = [
  ["EditionStats", "/v1/editions/{id}/stats"],
  ["BriefingStats", "/v1/briefings/{id}/stats"],
  ["AudienceStats", "/v1/stats/audience"],
  ["SubscriberExport", "/v1/subscribers/export"],
] as const;

/**
 * Engagement tracking on the API's domain: the tracked link, the open pixel and the stats endpoints
 * go to a function of their own (`functions/handlers/tracking.ts`), so the API's bundle keeps its
 * budget. GET and HEAD (a link scanner's HEAD must be seen to be counted as a machine). Each hit is
 * queued; the recorder (`functions/handlers/record-engagement.ts`) counts them 100 at a time, a few
 * batches at once, so a burst of clicks after a big send costs a few writes per batch, not per click.
 */
export class HeraldTracking extends Construct {
  readonly fn: HeraldFunction;
  readonly recorder: HeraldFunction;
  readonly queue: WorkerQueue;

  constructor(
    scope: Construct,
    id: string,
    props: {
      api: HeraldApi;
      config: Pick<HeraldConfig, "routeThrottles">;
      env: RuntimeEnvironment;
      data: HeraldData;
      secrets: HeraldSecrets;
      handlersDir: string;
    },
  ) {
    super(scope, id);
    this.fn = new HeraldFunction(this, "Function", {
      ...FUNCTION_SPECS.tracking,
      handlersDir: props.handlersDir,
    });
    props.env.apply(this.fn);
    props.data.grantData(this.fn, FUNCTION_ACCESS.tracking);
    props.secrets.grant(this.fn, FUNCTION_ACCESS.tracking.secrets);
    this.queue = new WorkerQueue(this, "EngagementQueue", {
      consumerTimeout: FUNCTION_SPECS.recordEngagement.timeout,
    });
    props.env.set("HERALD_ENGAGEMENT_QUEUE_URL", this.queue.queue.queueUrl);
    this.queue.grantSend(this.fn);
    this.recorder = new HeraldFunction(this, "Recorder", {
      ...FUNCTION_SPECS.recordEngagement,
      handlersDir: props.handlersDir,
    });
    props.env.apply(this.recorder);
    props.data.grantData(this.recorder, FUNCTION_ACCESS.recordEngagement);
    this.queue.attach(this.recorder, {
      batchSize: RECORDER_BATCH,
      maxBatchingWindow: Duration.seconds(5),
      maxConcurrency: RECORDER_CONCURRENCY,
    });
    const integration = new HttpLambdaIntegration("Tracking", this.fn);
    const route = (routeId: string, routeKey: HttpRouteKey) => {
      const r = new HttpRoute(this, routeId, { httpApi: props.api.httpApi, routeKey, integration });
      Validations.of(r).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "Tracked links and the pixel carry an HMAC-signed token the function verifies (a bad one still lands " +
          "the reader on the article); the stats routes check the admin key or session in the app, as the API does.",
      });
      return r;
    };
    for (const [routeId, path] of READER_ROUTES) {
      for (const method of [HttpMethod.GET, HttpMethod.HEAD]) {
        const key = HttpRouteKey.with(path, method);
        props.api.budget(route(`${routeId}${method}`, key), key, props.config.routeThrottles.tracking);
      }
    }
    for (const [routeId, path] of STATS_ROUTES) route(routeId, HttpRouteKey.with(path, HttpMethod.GET));
    // Behind the edge, the reader's address (machine recognition) is believed as the API believes it.
    if (props.api.edge) this.fn.addEnvironment("HERALD_EDGE_ORIGIN_SECRET", props.api.edge.originSecret);
  }
}
