import type { Queue, SendOptions } from "../../../functions/flows/ports.js";

/** One message as it was queued, with the delay it was queued with (0 when none). */
export interface Queued<T> {
  message: T;
  delaySeconds: number;
}

/** A queue that delivers nothing: it records what was sent, in order, for a test to assert on. */
export interface RecordingQueue<T> extends Queue<T> {
  sent: Queued<T>[];
  /** The messages alone, in the order they were queued. */
  messages(): T[];
}

/** @example const queue = recordingQueue<SendJob>(); await sendChunk(...); queue.sent[0].delaySeconds */
export function recordingQueue<T>(): RecordingQueue<T> {
  const sent: Queued<T>[] = [];
  return {
    sent,
    messages: () => sent.map((q) => q.message),
    async send(messages, options?: SendOptions) {
      for (const message of messages)
        sent.push({ message: structuredClone(message), delaySeconds: options?.delaySeconds ?? 0 });
    },
  };
}
