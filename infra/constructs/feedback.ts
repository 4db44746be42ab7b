import { Duration } from "aws-cdk-lib";
import { Rule } from "aws-cdk-lib/aws-events";
import { SqsQueue } from "aws-cdk-lib/aws-events-targets";
import { Construct } from "constructs";
import { FUNCTION_ACCESS } from "../function-access.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldData } from "./data.js";
import { CONFIGURATION_SET_DIMENSION, type HeraldEmail } from "./email.js";
import { HeraldFunction } from "./herald-function.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";
import { WorkerQueue } from "./worker-queue.js";

export interface HeraldFeedbackProps {
  env: RuntimeEnvironment;
  data: HeraldData;
  email: HeraldEmail;
  handlersDir: string;
}

/** Events a batch gathers (up to 5 s): a delivery then costs a hundredth of an invocation. */
export const FEEDBACK_BATCH_SIZE = 100;

/**
 * SES feedback: SES publishes the configuration set's events to the default event bus (no charge for
 * AWS service events); a rule matching this configuration set's tag puts them on a queue, and the
 * feedback function takes them a hundred at a time. It suppresses bounced and complaining addresses,
 * counts deliveries per batch on editions, and pauses an edition whose rates cross SES's lines. It
 * may touch the table (its row of FUNCTION_ACCESS), nothing else: it reads no secret, sends no mail
 * and queues nothing. An event that keeps failing lands in the queue's alarmed dead-letter queue.
 */
export class HeraldFeedback extends Construct {
  readonly fn: HeraldFunction;
  readonly events: WorkerQueue;

  constructor(scope: Construct, id: string, props: HeraldFeedbackProps) {
    super(scope, id);
    this.fn = new HeraldFunction(this, "SesFeedback", {
      ...FUNCTION_SPECS.sesFeedback,
      handlersDir: props.handlersDir,
    });
    props.env.apply(this.fn);
    props.data.grantData(this.fn, FUNCTION_ACCESS.sesFeedback);

    this.events = new WorkerQueue(this, "Events", { consumerTimeout: FUNCTION_SPECS.sesFeedback.timeout });
    this.events.attach(this.fn, {
      batchSize: FEEDBACK_BATCH_SIZE,
      maxBatchingWindow: Duration.seconds(5),
    });
    new Rule(this, "SesEventsRule", {
      eventBus: props.email.eventBus,
      description: "Herald's SES events (its configuration set's) to the feedback queue",
      eventPattern: {
        source: ["aws.ses"],
        detail: {
          mail: {
            tags: { [CONFIGURATION_SET_DIMENSION]: [props.email.configurationSet.configurationSetName] },
          },
        },
      },
      targets: [new SqsQueue(this.events.queue)],
    });
  }
}
