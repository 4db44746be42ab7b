import type { FailureOutcome } from "../common/call-outcomes.js";
import type { BotFailure, Message } from "./client.js";

/** Telegram always says how long to wait; should it not, a minute is waited (its limits are per second and minute). */
const DEFAULT_WAIT_SECONDS = 60;

/**
 * A failed call in the port's terms: 429 waits `parameters.retry_after` seconds; 401 is `auth` (a bot
 * token has no refresh: @BotFather must issue a new one); a request that never left is `failed`
 * with "nothing was posted" (the adapter has already tried it twice); 5xx and no answer are
 * `unknown`; any other refusal (chat not found, bot not an admin, caption too long) is `failed` with
 * Telegram's description.
 */
export function failureOutcome(failure: BotFailure, now: Date): FailureOutcome {
  if (failure.kind !== "refused") {
    return { kind: failure.kind === "unreached" ? "failed" : "unknown", message: failure.message };
  }
  const { status, description } = failure;
  if (status === 429) {
    const seconds = failure.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS;
    return { kind: "rate_limited", retryAt: new Date(now.getTime() + seconds * 1000), message: description };
  }
  if (status === 401) return { kind: "auth", message: `Telegram refused the bot token: ${description}` };
  if (status >= 500) return { kind: "unknown", message: `sendPhoto: ${description}` };
  return { kind: "failed", message: description };
}

/**
 * The message's link: `t.me/<username>/<id>` for a public channel or group, `t.me/c/<id>/<id>` (for
 * members) for a private one, whose `-100…` id loses its prefix.
 *
 * @example
 * messageUrl({ message_id: 42, chat: { id: -1001234567890, type: "channel", username: "herald_news" } }); // "https://t.me/herald_news/42"
 * messageUrl({ message_id: 42, chat: { id: -1001234567890, type: "channel" } });                          // "https://t.me/c/1234567890/42"
 */
export function messageUrl(message: Message): string {
  const { chat, message_id } = message;
  if (chat.username) return `https://t.me/${chat.username}/${message_id}`;
  return `https://t.me/c/${String(chat.id).replace(/^-100/, "").replace(/^-/, "")}/${message_id}`;
}
