import { Aws, CfnOutput, Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { CONFIGURATION_SET_DIMENSION } from "./email.js";
import type { NotificationKey } from "./notification-key.js";
import type { WorkerQueue } from "./worker-queue.js";

/**
 * SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate, and mailbox providers start
 * filtering a sender around 0.1 % spam reports. The alarms fire before those lines, while there is
 * still time to pause sending and clean the list.
 */
export const BOUNCE_RATE_ALARM = 0.04;
export const COMPLAINT_RATE_ALARM = 0.0008;
/** The SES events the configuration set publishes to CloudWatch, for all of Herald's mail together. */
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
 * and the dashboard an engineer watches while a send goes out: SES's events for Herald's
 * configuration set, the queues and the workers. One edition's own figures are Herald's counters
 * (the console, `GET /v1/editions/{id}`), not CloudWatch's: a metric per edition would be billed per
 * edition. Each part registers what it wants watched (`watchFunction`, `watchQueue`), so a new
 * worker is two lines in the stack.
 */
export class HeraldObservability extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;

  private readonly configurationSetName: string;

  constructor(
    scope: Construct,
    id: string,
    props: { key: NotificationKey; configurationSetName: string; alarmEmail?: string },
  ) {
    super(scope, id);
    this.configurationSetName = props.configurationSetName;
    this.alarmTopic = props.key.topic(this, "AlarmTopic", "Herald alarms");
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.alarmTopic);

    this.dashboard = new Dashboard(this, "SendDashboard", { defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown:
          "## Herald: sends\nSES events of all of Herald's mail, queues and workers. One edition's figures: the console or `GET /v1/editions/{id}`.",
      }),
      new GraphWidget({
        title: "SES events (Herald's configuration set)",
        width: 24,
        left: SES_EVENT_METRICS.map((name) => this.sesEvents(name)),
      }),
    );
    this.reputationAlarms();
    new CfnOutput(scope, "SendDashboardUrl", {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`,
      description: "Watch sends go out: SES events, queues and workers",
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

  /** An SES event metric of Herald's configuration set (its CloudWatch destination's one dimension). */
  private sesEvents(metricName: string): Metric {
    return this.ses(metricName, "Sum", { [CONFIGURATION_SET_DIMENSION]: this.configurationSetName });
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
    // SES accepts a message whose per-recipient data fails the template, then drops it.
    this.alarm(
      "RenderingFailureAlarm",
      this.sesEvents("RenderingFailure"),
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
