import { Aws, CfnOutput, Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  DashboardVariable,
  DefaultValue,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  VariableInputType,
  VariableType,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { EDITION_DIMENSION } from "./email.js";
import type { NotificationKey } from "./notification-key.js";
import type { WorkerQueue } from "./worker-queue.js";

/**
 * SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate, and mailbox providers start
 * filtering a sender around 0.1 % spam reports. The alarms fire before those lines, while there is
 * still time to pause sending and clean the list.
 */
export const BOUNCE_RATE_ALARM = 0.04;
export const COMPLAINT_RATE_ALARM = 0.0008;
/** The send worker's SES events, as the configuration set publishes them per edition. */
const SES_EVENT_METRICS = [
  "Send",
  "Delivery",
  "Bounce",
  "Complaint",
  "Reject",
  "RenderingFailure",
  "DeliveryDelay",
];
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms into one encrypted SNS topic (with an email subscription when an address is configured),
 * and the dashboard an editor or engineer watches while an edition goes out: pick the edition id in
 * the dashboard's `edition` field and every SES graph follows it. Each part registers what it wants
 * watched (`watchFunction`, `watchQueue`), so a new worker is two lines in the stack.
 */
export class HeraldObservability extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { key: NotificationKey; alarmEmail?: string }) {
    super(scope, id);
    this.alarmTopic = props.key.topic(this, "AlarmTopic", "Herald alarms");
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.alarmTopic);

    this.dashboard = new Dashboard(this, "SendDashboard", {
      defaultInterval: Duration.hours(3),
      variables: [
        new DashboardVariable({
          id: EDITION_DIMENSION,
          type: VariableType.PROPERTY,
          label: "Edition id",
          inputType: VariableInputType.INPUT,
          value: EDITION_DIMENSION,
          defaultValue: DefaultValue.value("none"),
        }),
      ],
    });
    this.dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown:
          "## Herald: an edition's send\nEnter the edition id above. SES graphs follow it; queue and worker graphs show all sends.",
      }),
      new GraphWidget({
        title: "SES events for the edition",
        width: 24,
        left: SES_EVENT_METRICS.map((name) => this.ses(name, "Sum", { [EDITION_DIMENSION]: "none" })),
      }),
    );
    this.reputationAlarms();
    new CfnOutput(scope, "SendDashboardUrl", {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`,
      description: "Watch an edition go out: enter its id in the dashboard's Edition id field",
    });
  }

  private ses(metricName: string, statistic: string, dimensionsMap?: Record<string, string>): Metric {
    return new Metric({
      namespace: "AWS/SES",
      metricName,
      statistic,
      period: FIVE_MINUTES,
      ...(dimensionsMap ? { dimensionsMap } : {}),
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Account-level reputation: what SES itself acts on. SES updates these at most every few minutes. */
  private reputationAlarms(): void {
    const bounce = this.ses("Reputation.BounceRate", "Maximum");
    const complaint = this.ses("Reputation.ComplaintRate", "Maximum");
    this.alarm(
      "BounceRateAlarm",
      bounce,
      BOUNCE_RATE_ALARM,
      "SES bounce rate near the 5 % review line: pause sends, clean the list",
    );
    this.alarm(
      "ComplaintRateAlarm",
      complaint,
      COMPLAINT_RATE_ALARM,
      "SES complaint rate near the 0.1 % line: pause sends, check consent",
    );
    // SES accepts a message whose per-recipient data fails the template, then drops it: count those
    // across all editions (a Metrics Insights query sums the per-edition metrics).
    const renderingFailures = new MathExpression({
      expression: `SELECT SUM(RenderingFailure) FROM SCHEMA("AWS/SES", ${EDITION_DIMENSION})`,
      usingMetrics: {},
      period: FIVE_MINUTES,
      label: "RenderingFailure (all editions)",
    });
    this.alarm(
      "RenderingFailureAlarm",
      renderingFailures,
      1,
      "SES dropped messages whose personalization failed",
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "SES bounce rate (account)",
        width: 12,
        left: [bounce],
        leftAnnotations: [{ value: BOUNCE_RATE_ALARM, label: "alarm" }],
      }),
      new GraphWidget({
        title: "SES complaint rate (account)",
        width: 12,
        left: [complaint],
        leftAnnotations: [{ value: COMPLAINT_RATE_ALARM, label: "alarm" }],
      }),
    );
  }

  /** Any unhandled error or throttle is worth a look: workers report item failures, not errors. */
  watchFunction(label: string, fn: lambda.Function): void {
    const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" });
    const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" });
    this.alarm(`${label}ErrorsAlarm`, errors, 1, `${label}: the function failed`);
    this.alarm(`${label}ThrottlesAlarm`, throttles, 1, `${label}: invocations were throttled`);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${label} function`,
        width: 12,
        left: [fn.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
        right: [fn.metric("ConcurrentExecutions", { period: FIVE_MINUTES, statistic: "Maximum" })],
      }),
    );
  }

  /**
   * A message in a DLQ is work that did not happen (an edition not rendered, a chunk not sent, an SES
   * event not applied): alarm at the first one.
   */
  watchDeadLetters(label: string, deadLetterQueue: IQueue): IMetric {
    const depth = deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: "Maximum",
    });
    this.alarm(
      `${label}DlqAlarm`,
      depth,
      1,
      `${label}: messages in the dead-letter queue; inspect, fix, redrive`,
    );
    return depth;
  }

  watchQueue(label: string, worker: WorkerQueue): void {
    const dlqDepth = this.watchDeadLetters(label, worker.deadLetterQueue);
    const q = worker.queue;
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${label} queue`,
        width: 12,
        left: [
          q.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
          q.metricApproximateNumberOfMessagesNotVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
          dlqDepth,
        ],
        right: [q.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: "Maximum" })],
      }),
    );
  }

  /** 5xx means a bug or an outage (bad input answers 4xx); a few in five minutes is an alarm. */
  watchApi(api: HttpApi): void {
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" });
    this.alarm("Api5xxAlarm", serverErrors, 5, "API answered 5xx");
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "API",
        width: 24,
        left: [
          api.metricCount({ period: FIVE_MINUTES }),
          api.metricClientError({ period: FIVE_MINUTES }),
          serverErrors,
        ],
        right: [api.metricLatency({ period: FIVE_MINUTES, statistic: "p99" })],
      }),
    );
  }
}
