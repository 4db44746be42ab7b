import { randomUUID } from "node:crypto";
import type { SNSEvent } from "aws-lambda";

export interface MemoryTopicOptions {
  /** Used in the topic ARN. */
  name: string;
  /** Deliveries at once. */
  concurrency?: number;
  /** Attempts per message before it is dropped with an error (Lambda's async invocations: 1 + 2 retries). */
  attempts?: number;
  /** Pause before the second attempt; doubled after each. */
  retryDelayMs?: number;
  onDrop?: (error: unknown) => void;
}

type Subscriber = (event: SNSEvent) => Promise<unknown>;

/**
 * An in-memory SNS topic with a Lambda subscriber: `publish` returns at once and the message reaches
 * the handler in the SNS record format a Lambda receives, with retries after a throw. It stands in
 * for the SES events topic locally, so publishing never slows the sender down.
 *
 * @example
 * const topic = new MemoryTopic({ name: "ses-events" });
 * topic.subscribe(sesFeedbackHandler(ports));
 * topic.publish(JSON.stringify(sesEvent));
 */
export class MemoryTopic {
  private readonly options: Required<Omit<MemoryTopicOptions, "onDrop">> & Pick<MemoryTopicOptions, "onDrop">;
  private readonly waiting: string[] = [];
  private handler?: Subscriber;
  private running = 0;
  private idlers: Array<() => void> = [];

  constructor(options: MemoryTopicOptions) {
    this.options = { concurrency: 4, attempts: 3, retryDelayMs: 20, ...options };
  }

  subscribe(handler: Subscriber): void {
    this.handler = handler;
    this.pump();
  }

  publish(message: string): void {
    this.waiting.push(message);
    queueMicrotask(() => this.pump());
  }

  /** Messages waiting or being delivered. */
  get depth(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves once nothing waits and nothing is being delivered. */
  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private pump(): void {
    while (this.handler && this.running < this.options.concurrency && this.waiting.length > 0) {
      const message = this.waiting.shift() as string;
      this.running++;
      void this.deliver(this.handler, message).finally(() => {
        this.running--;
        this.pump();
      });
    }
    if (this.depth === 0) for (const resolve of this.idlers.splice(0)) resolve();
  }

  private async deliver(handler: Subscriber, message: string): Promise<void> {
    const event = this.event(message);
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        if (attempt >= this.options.attempts) {
          this.options.onDrop?.(error);
          return;
        }
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  private event(message: string): SNSEvent {
    const topicArn = `arn:aws:sns:local:000000000000:${this.options.name}`;
    return {
      Records: [
        {
          EventSource: "aws:sns",
          EventVersion: "1.0",
          EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
          Sns: {
            Type: "Notification",
            MessageId: randomUUID(),
            TopicArn: topicArn,
            Subject: "",
            Message: message,
            Timestamp: new Date().toISOString(),
            SignatureVersion: "1",
            Signature: "",
            SigningCertUrl: "",
            UnsubscribeUrl: "",
            MessageAttributes: {},
          },
        },
      ],
    };
  }
}
