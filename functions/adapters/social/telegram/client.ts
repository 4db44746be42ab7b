import * as z from "zod";
import type { Checked } from "../common/accepted-body.js";
import { exchange, type NoAnswer, type WireOptions } from "../common/http-exchange.js";

/**
 * The Bot API calls Herald makes. The bot token is part of every URL (`/bot<token>/<method>`), so
 * the URL is never put in a message: failures name the method only (`exchange` never repeats fetch's
 * own error text, which can carry the URL).
 */

const Message = z.object({
  message_id: z.number().int(),
  chat: z.object({ id: z.number(), type: z.string(), username: z.string().optional() }),
});
export type Message = z.infer<typeof Message>;

const Envelope = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});

export type BotFailure =
  | { kind: "refused"; status: number; description: string; retryAfterSeconds?: number }
  | NoAnswer;
export type BotAnswer<T> = Checked<T, BotFailure>;

/**
 * @example
 * const client = telegramClient("https://api.telegram.org", botToken, { fetch, timeoutMs: 10_000 });
 * const sent = await client.sendPhoto("@herald_news", png, "<b>Storm</b>\n\n<a href=\"…\">…</a>");
 */
export function telegramClient(apiUrl: string, botToken: string, wire: WireOptions) {
  async function call<T>(method: string, form: FormData, schema: z.ZodType<T>): Promise<BotAnswer<T>> {
    const url = `${apiUrl}/bot${botToken}/${method}`;
    const result = await exchange(wire, { call: method, method: "POST", url, body: form });
    if (result.kind !== "answer") return { ok: false, failure: result };
    const envelope = Envelope.safeParse(result.body);
    if (envelope.success && envelope.data.ok) {
      const value = schema.safeParse(envelope.data.result);
      if (value.success) return { ok: true, value: value.data };
    }
    if (!envelope.success || envelope.data.ok) {
      // Accepted, but the answer cannot be read: the message may well exist.
      return {
        ok: false,
        failure: { kind: "no_answer", message: `${method}: HTTP ${result.status} with an unreadable body` },
      };
    }
    const { description, parameters } = envelope.data;
    return {
      ok: false,
      failure: {
        kind: "refused",
        status: result.status,
        description: description ?? `HTTP ${result.status}`,
        retryAfterSeconds: parameters?.retry_after,
      },
    };
  }

  return {
    /** The photo is uploaded in the same multipart request: one call, so one moment where it can be unknown. */
    sendPhoto(chatId: string, photo: Uint8Array, caption: string) {
      const form = new FormData();
      form.set("chat_id", chatId);
      form.set("photo", new Blob([photo], { type: "image/png" }), "card.png");
      form.set("caption", caption);
      form.set("parse_mode", "HTML");
      return call("sendPhoto", form, Message);
    },
  };
}
