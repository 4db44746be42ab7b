import { CfnOutput, Stack } from "aws-cdk-lib";
import { EventBus, type IEventBus } from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import type { RuntimeEnvironment } from "./runtime-environment.js";

/**
 * What the feedback flow acts on; RENDERING_FAILURE because SES accepts, then drops, such a message.
 * Never OPEN or CLICK: an event destination that asks for them turns on SES's own open and click
 * tracking, which rewrites every link to `*.awstrack.me` and adds SES's pixel, on top of Herald's
 * redirect and pixel, and even with `HERALD_TRACKING=off` (docs/analytics.md).
 */
export const FEEDBACK_EVENTS = [
  EmailSendingEvent.RENDERING_FAILURE,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];

/**
 * SES's auto-tag naming the configuration set: as the CloudWatch destination's one dimension it has a
 * single value, so SES publishes one metric per event type for the whole stack. A per-message
 * dimension (an edition id) would make every edition a new set of custom metrics, each billed.
 */
export const CONFIGURATION_SET_DIMENSION = "ses:configuration-set";

/**
 * The sending side of SES: the domain identity (Easy DKIM: SES rotates the keys; the operator
 * creates three CNAMEs once), and the configuration set every send goes through. The set adds bounced
 * and complained addresses to the account's suppression list (a second line of defence behind
 * Herald's own suppression), publishes reputation metrics, and publishes events to EventBridge's
 * default bus (free for AWS service events; a rule there queues them for the feedback function) and
 * to CloudWatch, for the whole configuration set (for the alarms and the
 * dashboard; an edition's own figures are Herald's counters, in DynamoDB).
 */
export class HeraldEmail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** Where SES publishes the feedback events: the account's default event bus. */
  readonly eventBus: IEventBus;

  constructor(scope: Construct, id: string, props: { domain: string; env: RuntimeEnvironment }) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.identity = new EmailIdentity(this, "Identity", {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    this.eventBus = EventBus.fromEventBusName(this, "DefaultBus", "default");
    this.configurationSet.addEventDestination("ToEventBridge", {
      destination: EventDestination.eventBus(this.eventBus),
      events: FEEDBACK_EVENTS,
    });
    this.configurationSet.addEventDestination("ToCloudWatch", {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: CONFIGURATION_SET_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: this.configurationSet.configurationSetName,
        },
      ]),
      events: [EmailSendingEvent.SEND, ...FEEDBACK_EVENTS],
    });
    props.env.set("HERALD_SES_CONFIGURATION_SET", this.configurationSet.configurationSetName);

    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(scope, `DkimRecord${i + 1}`, {
        description: `DNS record to create for Easy DKIM (${i + 1} of 3): name CNAME value`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(scope, "DmarcRecord", {
      description: "Recommended: Gmail and Yahoo require DMARC from bulk senders (start with p=none)",
      value: `_dmarc.${props.domain} TXT "v=DMARC1; p=none;"`,
    });
  }

  /** The identity and configuration set ARNs: what an SES v2 send is authorized against. */
  get sendResourceArns(): string[] {
    const configurationSetArn = Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: this.configurationSet.configurationSetName,
    });
    return [this.identity.emailIdentityArn, configurationSetArn];
  }

  grantSend(grantee: iam.IGrantable, actions: Array<"ses:SendBulkEmail" | "ses:SendEmail">): void {
    iam.Grant.addToPrincipal({ grantee, actions, resourceArns: this.sendResourceArns });
  }
}
