import { Duration } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** AWS's rule for SQS-triggered Lambdas: visibility at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface WorkerQueueProps {
  /** Timeout of the function that consumes the queue; the visibility timeout is derived from it. */
  consumerTimeout: Duration;
  /** Receives before a message is parked in the DLQ (≥ 5: a message that fails once is not dead). */
  maxReceiveCount?: number;
}

export interface AttachOptions {
  batchSize: number;
  /** Cap on concurrent invocations from this queue (2–1000); unset: Lambda scales with the queue. */
  maxConcurrency?: number;
  /** How long Lambda gathers records for one batch; SQS requires one for a `batchSize` above 10. */
  maxBatchingWindow?: Duration;
}

/**
 * A queue in front of a worker, with its dead-letter queue. The visibility timeout is six times the
 * consumer's timeout, so a message is not handed to a second worker while the first may still hold
 * it (Lambda retries throttled invocations within that window). The DLQ keeps messages 14 days, the
 * SQS maximum, and longer than the source queue's 4 days (a DLQ counts age from the first enqueue).
 */
export class WorkerQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumerTimeout: Duration;

  constructor(scope: Construct, id: string, props: WorkerQueueProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (maxReceiveCount < 5) throw new Error(`${id}: maxReceiveCount must be at least 5`);
    this.consumerTimeout = props.consumerTimeout;
    this.deadLetterQueue = new Queue(this, "Dlq", {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    this.queue = new Queue(this, "Queue", {
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
  }

  /**
   * Makes `fn` the queue's consumer. Failures are reported per message (`batchItemFailures`), so one
   * throttled chunk goes back to the queue without re-running the nine that were sent.
   */
  attach(fn: lambda.Function, options: AttachOptions): void {
    const timeout = fn.timeout?.toSeconds() ?? 3;
    if (timeout > this.consumerTimeout.toSeconds()) {
      throw new Error(`${fn.node.id} times out after ${timeout}s, longer than ${this.node.id} was sized for`);
    }
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: options.batchSize,
        reportBatchItemFailures: true,
        ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
        ...(options.maxBatchingWindow ? { maxBatchingWindow: options.maxBatchingWindow } : {}),
      }),
    );
  }

  grantSend(grantee: Parameters<Queue["grantSendMessages"]>[0]): void {
    this.queue.grantSendMessages(grantee);
  }
}
