/**
 * Public AWS list prices the cost model uses: us-east-1, on-demand, no free tier, in US dollars.
 * Read from the pricing pages named beside each group on 2026-12-06 (DynamoDB on-demand at the
 * prices in force since its November 2024 reduction; Lambda at arm64, which every Herald function
 * runs on). Change a price here and `npm run bench -- cost` prints the new figures; docs/cost.md
 * explains where each one enters.
 */
export const PRICES_CHECKED = "2026-12-06";

export const PRICES = {
  /** https://aws.amazon.com/ses/pricing/ — outbound email. */
  sesPerEmail: 0.1 / 1_000,
  /** https://aws.amazon.com/lambda/pricing/ — arm64 duration, requests. */
  lambdaPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — request units, storage. */
  dynamoPerWriteUnit: 0.625 / 1e6,
  dynamoPerReadUnit: 0.125 / 1e6,
  dynamoPerGbMonth: 0.25,
  /** https://aws.amazon.com/sqs/pricing/ — standard queue, per request (64 KB each). */
  sqsPerRequest: 0.4 / 1e6,
  /** https://aws.amazon.com/sns/pricing/ — publishes; deliveries to Lambda are free. */
  snsPerPublish: 0.5 / 1e6,
  /** https://aws.amazon.com/cloudwatch/pricing/ — alarms, custom metrics (prorated by the hour), dashboards, logs. */
  alarmPerMonth: 0.1,
  metricPerMonth: 0.3,
  dashboardPerMonth: 3,
  logsPerGbIngested: 0.5,
  logsPerGbMonth: 0.03,
  /** https://aws.amazon.com/secrets-manager/pricing/ */
  secretPerMonth: 0.4,
  secretsPerApiCall: 0.05 / 10_000,
  /** https://aws.amazon.com/kms/pricing/ */
  kmsKeyPerMonth: 1,
  kmsPerRequest: 0.03 / 10_000,
  /** https://aws.amazon.com/waf/pricing/ — web ACL, rules, requests. */
  wafAclPerMonth: 5,
  wafRulePerMonth: 1,
  /** https://aws.amazon.com/eventbridge/pricing/ — Scheduler invocations. */
  schedulerPerInvocation: 1 / 1e6,
} as const;

export type Prices = Record<keyof typeof PRICES, number>;
