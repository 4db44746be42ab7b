import { Duration, Validations } from "aws-cdk-lib";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { FUNCTION_ACCESS } from "../function-access.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldData } from "./data.js";
import type { HeraldEmail } from "./email.js";
import { HeraldFunction } from "./herald-function.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";

export interface HeraldFeedbackProps {
  env: RuntimeEnvironment;
  data: HeraldData;
  email: HeraldEmail;
  handlersDir: string;
}

/**
 * SES feedback: the configuration set's events topic invokes the feedback function, which suppresses
 * bounced and complaining addresses, counts the rest on editions and pauses an edition whose rates
 * cross SES's lines. It may touch the table (its row of FUNCTION_ACCESS), nothing else: it reads no
 * secret, sends no mail and queues nothing. SNS invokes it asynchronously; a DynamoDB failure is retried twice by
 * Lambda, and an event that still fails lands in a dead-letter queue instead of vanishing.
 */
export class HeraldFeedback extends Construct {
  readonly fn: HeraldFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: HeraldFeedbackProps) {
    super(scope, id);
    this.fn = new HeraldFunction(this, "SesFeedback", {
      ...FUNCTION_SPECS.sesFeedback,
      handlersDir: props.handlersDir,
    });
    props.env.apply(this.fn);
    props.data.grantData(this.fn, FUNCTION_ACCESS.sesFeedback);

    this.deadLetterQueue = new Queue(this, "Dlq", {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter queue: the on-failure destination of the SES feedback function's asynchronous invocations, alarmed on its first message.",
    });
    this.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.deadLetterQueue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    props.email.eventsTopic.addSubscription(new LambdaSubscription(this.fn));
  }
}
