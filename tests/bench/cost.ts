import { loadavg } from "node:os";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";
import { CONFIGURATION_SET_DIMENSION } from "../../infra/constructs/email.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { synthHerald } from "../infra/helpers.js";
import { PRICES, PRICES_CHECKED } from "./aws-prices.js";
import { freePort, runChild, startChild } from "./children.js";
import { type Inventory, idleCost, type SendUsage, sendCost } from "./cost-model.js";
import { markdownTable, writeBenchDocs } from "./docs-table.js";
import { latestParts, latestWholeRun, writePartResult } from "./parts.js";
import type { Row } from "./rows.js";

/**
 * SES events a recipient causes on average, by type (the SNS destination's types; the rest are 0).
 * Assumptions, not measurements: every email delivered, half an open and one click in twenty per
 * email (opens count each time), one bounce and one delay in a hundred, a complaint in a thousand.
 */
const EVENTS_PER_RECIPIENT: Record<string, number> = {
  delivery: 1,
  // Routed only by a configuration set that asks SES for them (Herald's no longer does: it turns on
  // SES's own tracking); kept so an older template is priced as it was.
  open: 0.5,
  click: 0.05,
  bounce: 0.01,
  deliveryDelay: 0.01,
  complaint: 0.001,
};
/** Hours an edition's SES event metrics report to CloudWatch (bounces and delays trickle in for a day). */
const METRIC_HOURS = 24;
const SUBSCRIBERS_STORED = 100_000;

type Resource = { Type: string; Properties?: Record<string, unknown> };
/** How SES events reach the feedback function: an SNS publish each, or EventBridge's default bus (free) and an SQS queue. */
type Transport = "sns" | "eventbridge-sqs";

type Dimension = { DimensionName: string };
type Destination = {
  MatchingEventTypes: string[];
  SnsDestination?: unknown;
  EventBridgeDestination?: unknown;
  CloudWatchDestination?: { DimensionConfigurations?: Dimension[] };
};

/**
 * What the synthesized stack holds that bills by the month, and the SES event types it routes. The
 * CloudWatch destination's metrics (one per event type and dimension value) bill by the month when
 * its only dimension is the configuration set's (one value: the stack's), and per edition when a
 * dimension takes a value per message (an edition id).
 */
export function stackInventory() {
  const resources = Object.entries(
    (synthHerald().template.toJSON() as { Resources: Record<string, Resource> }).Resources,
  );
  const of = (type: string) => resources.filter(([, r]) => r.Type === type);
  const memoryOf = (target: unknown) => {
    const id = JSON.stringify(target).match(/"Fn::GetAtt":\["([^"]+)"/)?.[1];
    const fn = resources.find(([key]) => key === id)?.[1];
    return Number(fn?.Properties?.MemorySize ?? 256);
  };
  const scheduled = of("AWS::Scheduler::Schedule").map(([id, r]) => {
    const expression = String(r.Properties?.ScheduleExpression);
    const minutes = Number(expression.match(/^rate\((\d+) minutes?\)/)?.[1]);
    return {
      name: id.replace(/[0-9A-F]{8}$/, ""),
      perMonth: minutes ? (30 * 24 * 60) / minutes : 30,
      memoryMb: memoryOf((r.Properties?.Target as { Arn?: unknown })?.Arn),
    };
  });
  const destinations = of("AWS::SES::ConfigurationSetEventDestination").map(
    ([, r]) => r.Properties?.EventDestination as Destination,
  );
  const toFeedback = destinations.find((d) => d.SnsDestination || d.EventBridgeDestination);
  const snsTypes = toFeedback?.MatchingEventTypes ?? [];
  const transport: Transport = toFeedback?.EventBridgeDestination ? "eventbridge-sqs" : "sns";
  const toCloudWatch = destinations.find((d) => d.CloudWatchDestination);
  const metricTypes = toCloudWatch?.MatchingEventTypes ?? [];
  const perMessage = (toCloudWatch?.CloudWatchDestination?.DimensionConfigurations ?? []).some(
    (d) => d.DimensionName !== CONFIGURATION_SET_DIMENSION,
  );
  const editionMetricTypes = perMessage ? metricTypes : [];
  const inventory: Inventory = {
    alarms: of("AWS::CloudWatch::Alarm").length,
    dashboards: of("AWS::CloudWatch::Dashboard").length,
    secrets: of("AWS::SecretsManager::Secret").length,
    kmsKeys: of("AWS::KMS::Key").length,
    webAcls: of("AWS::WAFv2::WebACL").length,
    wafRules: of("AWS::WAFv2::WebACL").reduce(
      (n, [, r]) => n + ((r.Properties?.Rules as unknown[]) ?? []).length,
      0,
    ),
    eventSources: of("AWS::Lambda::EventSourceMapping").length,
    sesMetrics: perMessage ? 0 : metricTypes.length,
    scheduled,
    subscribers: SUBSCRIBERS_STORED,
  };
  return { inventory, snsTypes, transport, metricTypes: editionMetricTypes };
}

type Run = {
  sent: number;
  sesCalls: number;
  plan: { lambda: Lambda; dynamo: Units; queue: { sendRequests: number } };
  send: { lambda: Lambda; dynamo: Units; queue: { sendRequests: number } };
  feedback: { events: number; lambda: Lambda; dynamo: Units };
};
type Lambda = { invocations: number; seconds: number; cpuSeconds: number };
type Units = { readUnits: number; writeUnits: number };

/** A counted send (tests/bench/cost-run.ts) as the cost model's usage. */
export function usageOf(
  run: Run,
  snsTypes: string[],
  metricTypes: string[],
  transport: Transport = "sns",
): SendUsage {
  const perEvent = (n: number) => n / Math.max(1, run.feedback.events);
  const invocationsPerEvent = perEvent(run.feedback.lambda.invocations);
  return {
    recipients: run.sent,
    sesCalls: run.sesCalls,
    readUnits: run.plan.dynamo.readUnits + run.send.dynamo.readUnits,
    writeUnits: run.plan.dynamo.writeUnits + run.send.dynamo.writeUnits,
    // Sent in batches of ten; each batch an invocation received and deleted in one request each.
    sqsRequests:
      run.plan.queue.sendRequests +
      run.send.queue.sendRequests +
      2 * (run.plan.lambda.invocations + run.send.lambda.invocations),
    functions: [
      { name: "renderPlan", memoryMb: FUNCTION_SPECS.renderPlan.memorySize, ...run.plan.lambda },
      { name: "send", memoryMb: FUNCTION_SPECS.send.memorySize, ...run.send.lambda },
    ],
    feedback: {
      eventsPerRecipient: snsTypes.reduce((n, t) => n + (EVENTS_PER_RECIPIENT[t] ?? 0), 0),
      snsPublishesPerEvent: transport === "sns" ? 1 : 0,
      // The rule's SendMessage per event, and a receive and a delete per batch.
      sqsRequestsPerEvent: transport === "sns" ? 0 : 1 + 2 * invocationsPerEvent,
      invocationsPerEvent,
      perEvent: {
        memoryMb: FUNCTION_SPECS.sesFeedback.memorySize,
        seconds: perEvent(run.feedback.lambda.seconds),
        cpuSeconds: perEvent(run.feedback.lambda.cpuSeconds),
        readUnits: perEvent(run.feedback.dynamo.readUnits),
        writeUnits: perEvent(run.feedback.dynamo.writeUnits),
      },
    },
    editionMetrics: { metrics: metricTypes.length, hours: METRIC_HOURS },
  };
}

const dollars = (d: number) => `$${d < 0.1 ? d.toFixed(4) : d.toFixed(2)}`;

/**
 * `npm run bench -- cost`: counts what a send of 10,000 and of 100,000 readers asks of AWS, prices it
 * per 10,000 emails beside SES's own price, and prices the idle stack per month (docs/cost.md).
 */
export async function costPart(sizes = [10_000, 100_000]) {
  const loadAverage = loadavg()[0];
  const { inventory, snsTypes, metricTypes, transport } = stackInventory();
  const dynamo = await startDynamoLocal(await freePort());
  const ses = await startChild("tests/bench/null-ses.ts");
  const rows: Row[] = [];
  const data: Record<string, unknown> = {
    pricesChecked: PRICES_CHECKED,
    inventory,
    snsTypes,
    metricTypes,
    transport,
  };
  const sesPer10k = PRICES.sesPerEmail * 10_000;
  for (const size of sizes) {
    const table = `bench-cost-${size}`;
    runChild(["tests/bench/seed-cli.ts", dynamo.endpoint, table, String(size), "8"]);
    const run = runChild([
      "tests/bench/cost-run.ts",
      table,
      String(size),
      dynamo.endpoint,
      ses.endpoint,
    ]) as Run;
    const usage = usageOf(run, snsTypes, metricTypes, transport);
    const cost = sendCost(usage, PRICES);
    const per10k = (d: number) => (d * 10_000) / usage.recipients;
    const sendOnly = cost.lines.filter(
      (l) => !l.item.startsWith("SES events") && !l.item.startsWith("CloudWatch"),
    );
    const sendOnlyTotal = sendOnly.reduce((s, l) => s + l.dollars, 0);
    rows.push([
      `AWS cost per 10,000 emails, ${size / 1000}k send (SES itself: ${dollars(sesPer10k)})`,
      `${((100 * per10k(cost.total)) / sesPer10k).toFixed(2)} % of SES: ${dollars(per10k(cost.total))} = ${cost.lines.map((l) => `${l.item.split(":")[0]} ${dollars(per10k(l.dollars))}`).join(", ")}; the send alone ${((100 * per10k(sendOnlyTotal)) / sesPer10k).toFixed(2)} %`,
      "≤ 1 % of SES",
    ]);
    data[`run${size}`] = { run, usage, cost };
  }
  const idle = idleCost(inventory, PRICES);
  rows.push([
    "idle stack per month (no send)",
    `${dollars(idle.total)}: ${idle.lines.map((l) => `${l.item.split(":")[0]} ${dollars(l.dollars)}`).join(", ")}`,
    "—",
  ]);
  data.idle = idle;
  ses.child.kill();
  await dynamo.stop();
  console.log(markdownTable(rows));
  const file = writePartResult("cost", rows, data, loadAverage);
  writeBenchDocs(latestWholeRun(), latestParts());
  console.log(`Written to ${file} and docs/benchmarks.md`);
}
