import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { eventBridgeEnvelope } from "../adapters/sqs/ses-event-batch.js";
import { MemoryQueue, type MemoryQueueOptions } from "./memory-queue.js";

/**
 * SES's event publishing, locally: an event is wrapped as EventBridge's default bus wraps it and put
 * on a queue that drives the feedback function's very handler in batches, as the rule → SQS → Lambda
 * path does on AWS. `publish` takes an SES event as JSON (what the mailbox simulator produces).
 *
 * @example
 * const bus = new LocalSesEventBus({ name: "ses-events" }); bus.start(sesEventBatchHandler(ports)); bus.publish(json);
 */
type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

export class LocalSesEventBus {
  readonly queue: MemoryQueue<unknown>;
  private handler?: BatchHandler;

  constructor(options: MemoryQueueOptions) {
    this.queue = new MemoryQueue<unknown>({ batchSize: 100, concurrency: 2, ...options });
  }

  publish(message: string): void {
    void this.queue.send([eventBridgeEnvelope(JSON.parse(message))]);
  }

  start(handler: BatchHandler): void {
    this.handler = handler;
    this.queue.start(handler);
  }

  /** Runs the handler on `event` directly, as Lambda would with a batch the queue delivered. */
  readonly handle = async (event: SQSEvent) => (this.handler as BatchHandler)(event);

  get depth(): number {
    return this.queue.depth;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
