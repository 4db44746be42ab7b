import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { MAX_DELAY_SECONDS, type Queue, type SendOptions } from "../flows/ports.js";

export interface MemoryQueueOptions {
  /** Used in record ARNs and log lines. */
  name: string;
  /** Records per handler invocation (SQS event source `batchSize`). */
  batchSize?: number;
  /** Invocations at once (the event source's `maxConcurrency`). */
  concurrency?: number;
  /** How long a received message stays invisible before it is delivered again. */
  visibilityTimeoutMs?: number;
  /** Receives before a message moves to the dead-letter list (`maxReceiveCount`). */
  maxReceives?: number;
  /**
   * How long one second of `delaySeconds` holds a message back here (1000 ms, as SQS). Tests of
   * throttled sends shorten it: a chunk's growing delay is what they check, not the wait itself.
   */
  delaySecondMs?: number;
}

interface Message {
  id: string;
  body: string;
  receives: number;
  visibleAt: number;
}

type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

/**
 * An in-memory queue with the SQS semantics Herald relies on: batches, a visibility timeout after
 * which an unacknowledged message comes back, partial batch failures (`batchItemFailures`), and a
 * dead-letter list after `maxReceives`, and delayed sends. It drives the very handler functions Lambda runs.
 *
 * @example
 * const sends = new MemoryQueue<SendJob>({ name: "send", concurrency: 4 });
 * sends.start((event) => handleSqsBatch(event, SendJob, (job) => sendChunk(ports, job), log));
 */
export class MemoryQueue<T> implements Queue<T> {
  readonly deadLetters: Array<{ body: string; receives: number }> = [];
  private readonly messages: Message[] = [];
  private readonly options: Required<MemoryQueueOptions>;
  private handler?: BatchHandler;
  private running = 0;
  private timer?: NodeJS.Timeout;
  private seq = 0;
  private waiters: Array<() => void> = [];

  constructor(options: MemoryQueueOptions) {
    this.options = {
      batchSize: 10,
      concurrency: 4,
      visibilityTimeoutMs: 2000,
      maxReceives: 5,
      delaySecondMs: 1000,
      ...options,
    };
  }

  /** A delay holds the messages back like SQS `DelaySeconds` (at most 900 s). */
  async send(messages: T[], options: SendOptions = {}): Promise<void> {
    const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, options.delaySeconds ?? 0));
    const visibleAt = delay > 0 ? Date.now() + delay * this.options.delaySecondMs : 0;
    for (const m of messages) {
      this.messages.push({
        id: `${this.options.name}-${++this.seq}`,
        body: JSON.stringify(m),
        receives: 0,
        visibleAt,
      });
    }
    this.pump();
  }

  /** Starts delivering to `handler`. */
  start(handler: BatchHandler): void {
    this.handler = handler;
    this.pump();
  }

  stop(): void {
    this.handler = undefined;
    clearTimeout(this.timer);
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  /**
   * The length of their bodies, in characters (bytes, for the ASCII JSON a chunk carries): memory the
   * stand-in holds that SQS holds on AWS, for a benchmark to tell apart from Herald's own.
   */
  get bodyChars(): number {
    let chars = 0;
    for (const m of this.messages) chars += m.body.length;
    return chars;
  }

  /** Resolves once the queue is empty and no batch is running. */
  idle(): Promise<void> {
    if (this.messages.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    if (!this.handler) return;
    clearTimeout(this.timer);
    const now = Date.now();
    while (this.running < this.options.concurrency) {
      const batch = this.messages.filter((m) => m.visibleAt <= now).slice(0, this.options.batchSize);
      if (batch.length === 0) break;
      for (const m of batch) {
        m.receives++;
        m.visibleAt = now + this.options.visibilityTimeoutMs;
      }
      this.running++;
      void this.deliver(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
    const next = Math.min(...this.messages.map((m) => m.visibleAt));
    if (Number.isFinite(next) && next > now) this.timer = setTimeout(() => this.pump(), next - now);
    if (this.messages.length === 0 && this.running === 0) {
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private async deliver(batch: Message[]): Promise<void> {
    let failed: Set<string>;
    try {
      const response = await (this.handler as BatchHandler)({ Records: batch.map((m) => this.record(m)) });
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      // A crashed invocation acknowledges nothing: the whole batch comes back after the timeout.
      failed = new Set(batch.map((m) => m.id));
    }
    for (const m of batch) {
      const index = this.messages.indexOf(m);
      if (index < 0) continue;
      if (!failed.has(m.id)) this.messages.splice(index, 1);
      else if (m.receives >= this.options.maxReceives) {
        this.messages.splice(index, 1);
        this.deadLetters.push({ body: m.body, receives: m.receives });
      }
    }
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.id,
      receiptHandle: `${m.id}-${m.receives}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receives),
        SentTimestamp: "0",
        SenderId: "local",
        ApproximateFirstReceiveTimestamp: "0",
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:local:000000000000:${this.options.name}`,
      awsRegion: "local",
    };
  }
}
