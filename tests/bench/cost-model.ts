import type { Prices } from "./aws-prices.js";

/** A priced line: what, and what it costs in dollars. */
export interface CostLine {
  item: string;
  dollars: number;
}

/** One function's share of a send: its memory size, invocations and time. */
export interface FunctionUsage {
  name: string;
  memoryMb: number;
  invocations: number;
  /** Wall-clock seconds measured here, summed over the invocations. */
  seconds: number;
  /** CPU seconds measured here, summed: Lambda gives `memoryMb / 1769` of a vCPU, so CPU stretches. */
  cpuSeconds: number;
}

/** What one send asked of AWS, as the bench counted it (tests/bench/cost-run.ts). */
export interface SendUsage {
  recipients: number;
  sesCalls: number;
  readUnits: number;
  writeUnits: number;
  sqsRequests: number;
  functions: FunctionUsage[];
  /**
   * The SES event path (SES → SNS or EventBridge and SQS → feedback Lambda → DynamoDB), per event,
   * and events per recipient: SNS publishes, SQS requests and invocations per event say which path.
   */
  feedback: {
    eventsPerRecipient: number;
    snsPublishesPerEvent: number;
    sqsRequestsPerEvent: number;
    invocationsPerEvent: number;
    perEvent: Omit<FunctionUsage, "invocations" | "name"> & { readUnits: number; writeUnits: number };
  };
  /** SES's CloudWatch event destination, if it has a per-edition dimension: metrics each edition adds (one per event type), and hours each reports. */
  editionMetrics: { metrics: number; hours: number };
}

/** Lambda gives one full vCPU at 1,769 MB and a proportional share below it. */
const FULL_VCPU_MB = 1769;

/**
 * Billed seconds of an invocation measured on a full core: its waiting as measured, its CPU time
 * stretched by the share of a vCPU its memory size buys.
 *
 * @example
 * lambdaSeconds({ seconds: 2, cpuSeconds: 1, memoryMb: 512 }); // 1 + 1 × 1769/512 ≈ 4.46
 */
export function lambdaSeconds(f: Pick<FunctionUsage, "seconds" | "cpuSeconds" | "memoryMb">): number {
  const waiting = Math.max(0, f.seconds - f.cpuSeconds);
  return waiting + f.cpuSeconds * Math.max(1, FULL_VCPU_MB / f.memoryMb);
}

const hoursPerMonth = 730;

/**
 * The AWS bill of one send, line by line, at `prices`: Lambda (requests and GB-seconds), DynamoDB
 * request units, SQS requests, the SES event path, and the per-edition CloudWatch metrics. SES's own
 * price is left out: it is what the total is compared with.
 *
 * @example
 * const { total } = sendCost(usage, PRICES); const per10k = (total * 10_000) / usage.recipients;
 */
export function sendCost(u: SendUsage, p: Prices): { lines: CostLine[]; total: number } {
  const events = u.recipients * u.feedback.eventsPerRecipient;
  const gbSeconds = (f: Pick<FunctionUsage, "seconds" | "cpuSeconds" | "memoryMb">) =>
    (lambdaSeconds(f) * f.memoryMb) / 1024;
  const lines: CostLine[] = [
    ...u.functions.map((f) => ({
      item: `Lambda ${f.name} (${f.memoryMb} MB): ${f.invocations} invocations`,
      dollars: f.invocations * p.lambdaPerRequest + gbSeconds(f) * p.lambdaPerGbSecond,
    })),
    {
      item: `DynamoDB: ${Math.round(u.readUnits)} read + ${Math.round(u.writeUnits)} write units`,
      dollars: u.readUnits * p.dynamoPerReadUnit + u.writeUnits * p.dynamoPerWriteUnit,
    },
    { item: `SQS: ${u.sqsRequests} requests`, dollars: u.sqsRequests * p.sqsPerRequest },
    {
      item: `SES events: ${Math.round(events)} × (${u.feedback.snsPublishesPerEvent ? "SNS publish" : "SQS requests"}, feedback Lambda, DynamoDB)`,
      dollars:
        events *
        (u.feedback.snsPublishesPerEvent * p.snsPerPublish +
          u.feedback.sqsRequestsPerEvent * p.sqsPerRequest +
          u.feedback.invocationsPerEvent * p.lambdaPerRequest +
          gbSeconds(u.feedback.perEvent) * p.lambdaPerGbSecond +
          u.feedback.perEvent.readUnits * p.dynamoPerReadUnit +
          u.feedback.perEvent.writeUnits * p.dynamoPerWriteUnit),
    },
    {
      item: `CloudWatch: ${u.editionMetrics.metrics} SES event metrics for the edition, ${u.editionMetrics.hours} h each`,
      dollars: (u.editionMetrics.metrics * u.editionMetrics.hours * p.metricPerMonth) / hoursPerMonth,
    },
  ];
  return { lines, total: lines.reduce((sum, l) => sum + l.dollars, 0) };
}

/** What the deployed stack holds while no send runs (counted from the synthesized template). */
export interface Inventory {
  alarms: number;
  dashboards: number;
  secrets: number;
  kmsKeys: number;
  webAcls: number;
  wafRules: number;
  /** SQS event sources: Lambda's pollers long-poll each queue around the clock. */
  eventSources: number;
  /**
   * SES event metrics of the whole configuration set (one per event type), billed for each hour they
   * report: counted as reporting all month, which they do when some mail goes out every hour.
   */
  sesMetrics: number;
  /** Scheduled invocations a month, each with its function's memory size. */
  scheduled: Array<{ name: string; perMonth: number; memoryMb: number }>;
  /** Stored subscribers (the table's size). */
  subscribers: number;
}

/** Assumptions of the idle model, stated where docs/cost.md can show them. */
export const IDLE_ASSUMPTIONS = {
  /** Lambda's SQS pollers: about 5 long polls of 20 s at once per event source while idle. */
  pollRequestsPerMonth: 5 * 3 * 60 * 24 * 30,
  /** A scheduled run that finds nothing to do. */
  scheduledSeconds: 0.5,
  /** A subscriber's item and audience items, with indexes' overhead. */
  bytesPerSubscriber: 1_000,
  /** A cold start reads its secret once; a scheduled function is cold more often than not. */
  secretReadsPerScheduledRun: 1,
};

/**
 * The stack's monthly bill with no send: CloudWatch alarms, dashboards and the configuration set's
 * SES event metrics (a month of them: an upper bound, they bill only the hours mail goes out), secrets, the KMS key, the
 * WAF web ACL and its rules, the scheduled functions, SQS long polls, and the table's storage.
 *
 * @example
 * idleCost({ alarms: 29, dashboards: 1, secrets: 3, kmsKeys: 1, webAcls: 1, wafRules: 3, eventSources: 3, sesMetrics: 7, scheduled: [], subscribers: 100_000 }, PRICES).total;
 */
export function idleCost(i: Inventory, p: Prices): { lines: CostLine[]; total: number } {
  const a = IDLE_ASSUMPTIONS;
  const runs = i.scheduled.reduce((n, s) => n + s.perMonth, 0);
  const lines: CostLine[] = [
    {
      item: `CloudWatch: ${i.alarms} alarms, ${i.dashboards} dashboard, ${i.sesMetrics} SES event metrics`,
      dollars:
        i.alarms * p.alarmPerMonth + i.dashboards * p.dashboardPerMonth + i.sesMetrics * p.metricPerMonth,
    },
    {
      item: `WAF: ${i.webAcls} web ACL, ${i.wafRules} rules`,
      dollars: i.webAcls * p.wafAclPerMonth + i.wafRules * p.wafRulePerMonth,
    },
    {
      item: `Secrets Manager: ${i.secrets} secrets`,
      dollars: i.secrets * p.secretPerMonth + runs * a.secretReadsPerScheduledRun * p.secretsPerApiCall,
    },
    { item: `KMS: ${i.kmsKeys} key`, dollars: i.kmsKeys * p.kmsKeyPerMonth },
    {
      item: `scheduled functions: ${runs} runs (${i.scheduled.map((s) => s.name).join(", ")})`,
      dollars: i.scheduled.reduce(
        (sum, s) =>
          sum +
          s.perMonth *
            (p.lambdaPerRequest +
              p.schedulerPerInvocation +
              ((a.scheduledSeconds * s.memoryMb) / 1024) * p.lambdaPerGbSecond),
        0,
      ),
    },
    {
      item: `SQS: long polls of ${i.eventSources} event sources`,
      dollars: i.eventSources * a.pollRequestsPerMonth * p.sqsPerRequest,
    },
    {
      item: `DynamoDB storage: ${i.subscribers.toLocaleString("en")} subscribers`,
      dollars: ((i.subscribers * a.bytesPerSubscriber) / 2 ** 30) * p.dynamoPerGbMonth,
    },
  ];
  return { lines, total: lines.reduce((sum, l) => sum + l.dollars, 0) };
}
