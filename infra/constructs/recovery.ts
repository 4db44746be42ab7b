import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { FilterPattern, MetricFilter } from "aws-cdk-lib/aws-logs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { PK } from "../../functions/adapters/dynamo/keys.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldData } from "./data.js";
import { HeraldFunction } from "./herald-function.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";
import type { HeraldSchedules } from "./schedules.js";
import type { HeraldSecrets } from "./secrets.js";

/** The table actions a recovery pass takes, on the unfinished-work and fan-out partitions only. */
export const RECOVERY_TABLE_ACTIONS = [
  "Query",
  "GetItem",
  "BatchGetItem",
  "PutItem",
  "UpdateItem",
  "DeleteItem",
];
export const RECOVERY_KEY_PREFIXES = [PK.work, PK.edition];
export const STALLED_METRIC = { namespace: "Herald", name: "StalledFanOuts" };

export interface HeraldRecoveryProps {
  env: RuntimeEnvironment;
  data: HeraldData;
  secrets: HeraldSecrets;
  schedules: HeraldSchedules;
  /** The queues it hands work to again: editions (render and plan, confirmations), sends, social posts. */
  queues: IQueue[];
  alarmTopic: Topic;
  /** How often the pass runs. */
  everyMinutes: number;
  /** Fan-outs without progress this long count as stalled (`HERALD_STALL_SECONDS`). */
  stallSeconds: number;
  handlersDir: string;
}

/**
 * Self-healing sends: a small function on an EventBridge schedule walks the unfinished work (the
 * table's `WORK` partition) and queues again whatever stopped moving, so a message lost to a
 * dead-letter queue is never the only copy of anything. It reads and writes only the unfinished-work
 * and fan-out items and sends to the work queues. Every pass logs how many fan-outs are stalled
 * past the threshold; a metric filter counts them and an alarm fires on the first.
 */
export class HeraldRecovery extends Construct {
  readonly fn: HeraldFunction;
  readonly stalledAlarm: Alarm;

  constructor(scope: Construct, id: string, props: HeraldRecoveryProps) {
    super(scope, id);
    props.env.set("HERALD_STALL_SECONDS", String(props.stallSeconds));
    this.fn = new HeraldFunction(this, "Recover", {
      ...FUNCTION_SPECS.recover,
      handlersDir: props.handlersDir,
    });
    props.env.apply(this.fn);
    props.data.grantItems(this.fn, RECOVERY_TABLE_ACTIONS, RECOVERY_KEY_PREFIXES);
    for (const queue of props.queues) queue.grantSendMessages(this.fn);
    props.schedules.addEvery("Recovery", { target: this.fn, minutes: props.everyMinutes });

    const stalled = new MetricFilter(this, "StalledFilter", {
      logGroup: this.fn.logGroup,
      filterPattern: FilterPattern.stringValue("$.message", "=", "recovery pass"),
      metricNamespace: STALLED_METRIC.namespace,
      metricName: STALLED_METRIC.name,
      metricValue: "$.stalled",
      defaultValue: 0,
    }).metric({ statistic: "Maximum", period: Duration.minutes(Math.max(5, props.everyMinutes)) });
    this.stalledAlarm = new Alarm(this, "StalledAlarm", {
      metric: stalled,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Recovery: an edition or briefing has not moved for over ${props.stallSeconds} s; its status shows what is left (GET /v1/editions/{id})`,
    });
    this.stalledAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
