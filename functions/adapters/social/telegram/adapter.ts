import type { SocialAdapter } from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { wireOptions } from "../common/http-exchange.js";
import { retriedOnce } from "../common/retried-once.js";
import { telegramClient } from "./client.js";
import { failureOutcome, messageUrl } from "./outcomes.js";
import type { TelegramSettings } from "./settings.js";

export type TelegramAdapterOptions = AdapterOptions<TelegramSettings>;

/**
 * Posts the card with the composed HTML caption (`sendPhoto`, multipart, `parse_mode: "HTML"`); the
 * composer fits the caption to Telegram's 1,024 visible characters. The Bot API cannot read a chat's
 * history, so an unknown outcome can never be settled by a lookup: a person must look. Unknown is
 * therefore kept to the one case that is truly unknown, a request Telegram received and did not
 * answer (no answer, or a 5xx): the card is read before anything is sent (if that throws, nothing
 * was posted); everything is sent in one request, so there is no later step to fail after the
 * message exists; and a request that never left (DNS, connection refused) is tried once more and
 * then reported as `failed` with "nothing was posted", which is certain.
 *
 * The bot token is in every URL: it is scrubbed from every message as a last guard.
 *
 * @example
 * const telegram = createTelegramAdapter({ settings, credentials, now: () => new Date() });
 * await telegram.publish({ editionId, post: composePost("telegram", source), url, card, cardUrl, idempotencyKey });
 * // { kind: "posted", postId: "42", url: "https://t.me/herald_news/42" }
 */
export function createTelegramAdapter(options: TelegramAdapterOptions): SocialAdapter<"telegram"> {
  const { settings, credentials, now } = options;
  const client = telegramClient(settings.apiUrl, settings.botToken, wireOptions(options));
  const account = settings.chatId;
  const scrub = (message: string) => message.replaceAll(settings.botToken, "<bot token>");

  return {
    network: "telegram",
    account,
    idempotent: false,

    async publish(request) {
      const card = await request.card();
      const send = () => client.sendPhoto(settings.chatId, card, request.post.caption);
      const sent = await retriedOnce(send, (result) => !result.ok && result.failure.kind === "unreached");
      if (sent.ok) {
        await credentials.clearAttention("telegram", account);
        return { kind: "posted", postId: String(sent.value.message_id), url: messageUrl(sent.value) };
      }
      const outcome = failureOutcome(sent.failure, now());
      const message = scrub(outcome.message);
      if (outcome.kind === "auth") await credentials.flagAttention("telegram", account, message, now());
      return { ...outcome, message };
    },

    async lookup() {
      return {
        kind: "unknown",
        message: `The Telegram Bot API cannot read the history of ${account}: check the chat by hand before posting again`,
      };
    },
  };
}
