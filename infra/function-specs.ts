import { Duration } from "aws-cdk-lib";

/**
 * Size and time budget of each function, in one table so the queues can be sized from the timeouts
 * of the functions that consume them. Adding a function (social worker, SES feedback, briefing) is
 * one row here and one `HeraldFunction` where it is wired.
 */
export interface FunctionSpec {
  /** File under `functions/handlers/` that exports `handler`. */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  /** The MJML renderer: the only bundle that carries mjml and the templates. */
  renderer?: boolean;
}

export const FUNCTION_SPECS = {
  /** API Gateway gives an HTTP API integration 30 s at most; answer before it gives up. */
  api: {
    entry: "api.ts",
    description: "Hono HTTP API: publish webhook, subscribers, pages, admin",
    memorySize: 512,
    timeout: Duration.seconds(29),
  },
  /**
   * MJML rendering is CPU-bound (Lambda's CPU share grows with memory) and planning walks the audience
   * with Query at ~28,000 items/s; two minutes plan well over a million recipients, and the planner
   * checkpoints, so a timeout resumes rather than restarts.
   */
  renderPlan: {
    entry: "render-plan.ts",
    description: "Renders an edition once (MJML) and plans its send chunks",
    memorySize: 1536,
    timeout: Duration.minutes(2),
    renderer: true,
  },
  /** A batch of 10 chunks is 10 SES calls plus bookkeeping: seconds, with headroom for SES latency. */
  send: {
    entry: "send.ts",
    description: "Sends chunks of an edition with SES SendBulkEmail",
    memorySize: 512,
    timeout: Duration.seconds(60),
  },
  /**
   * A batch of up to 100 SES events: deliveries counted together (a read and a transaction), the
   * rare bounce or complaint one by one. 256 MB is plenty for that; the timeout leaves room for the
   * retries of a contended counter.
   */
  sesFeedback: {
    entry: "ses-feedback.ts",
    description: "Applies SES events: bounces and complaints suppress, the rest moves edition counters",
    memorySize: 256,
    timeout: Duration.seconds(30),
  },
  /**
   * A batch of a few posts, each one or two network calls (an upload, a post; Threads a container
   * and a publish) that may each take seconds. The timeout is also the lease a post is held under.
   */
  social: {
    entry: "social.ts",
    description: "Posts editions to the newsroom's social accounts, exactly once per account",
    memorySize: 512,
    timeout: Duration.minutes(2),
  },
  /** Conditional GETs of a handful of feeds and a publish per new item: well under a minute. */
  pollFeeds: {
    entry: "poll-feeds.ts",
    description: "Polls the configured RSS/Atom feeds and publishes new items",
    memorySize: 256,
    timeout: Duration.minutes(2),
  },
  /**
   * Records today's briefing (one Query over the day's editions, one conditional put) and queues it
   * for the render function, which does the rendering and planning: seconds at most.
   */
  briefing: {
    entry: "briefing.ts",
    description: "Starts the daily briefing (EventBridge Scheduler) and queues it for rendering",
    memorySize: 256,
    timeout: Duration.seconds(30),
  },
  /**
   * One Query over the unfinished work (a handful of items), and for each fan-out that stopped a
   * Query over its chunks and a few queue calls: seconds, even for a stalled million-recipient edition.
   */
  recover: {
    entry: "recover.ts",
    description: "Queues again the unfinished work that stopped moving (EventBridge Scheduler)",
    memorySize: 256,
    timeout: Duration.minutes(2),
  },
  /**
   * The newsroom console's page shells and built scripts, read from disk once per container: a few
   * KB per request, no table, no secret. Its bundle gets `console-assets/` (see constructs/console.ts).
   */
  console: {
    entry: "console.ts",
    description: "Herald console: the newsroom's web UI (page shells, scripts, stylesheet)",
    memorySize: 256,
    timeout: Duration.seconds(10),
  },
  /**
   * A tracked link or the open pixel is a token check, a cached read of the email's links and one
   * SQS send: well under a second. The stats endpoints read the email's roll-up and what came since
   * (a few small Queries). The subscriber export Scans the list page by page. Kept out of the API so
   * its bundle keeps its budget.
   */
  tracking: {
    entry: "tracking.ts",
    description: "Tracked links, the open pixel, the engagement and audience stats, the subscriber export",
    memorySize: 512,
    // API Gateway's own limit: the subscriber export pages through the whole list within it.
    timeout: Duration.seconds(29),
  },
  /**
   * A batch of up to 100 clicks and opens: one BatchGet of the marks, one transaction writing them,
   * a few counter Updates. Seconds at most; 30 s leaves room for DynamoDB's retries.
   */
  recordEngagement: {
    entry: "record-engagement.ts",
    description: "Counts queued clicks and opens in batches (marks, then each email's counters)",
    memorySize: 256,
    timeout: Duration.seconds(30),
  },
} as const satisfies Record<string, FunctionSpec>;
