import type { ServerResponse } from "node:http";
import { json, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";
import { parseTelegramHtml } from "./telegram-html.js";

/**
 * The Bot API on loopback for `sendPhoto`: the token in the path, the `{ok, result}` envelope, the
 * multipart upload, HTML parse mode checked tag by tag, and the caption limit (1,024 characters after
 * entities parsing). Errors are `{ok: false, error_code, description, parameters?}` as Telegram sends.
 */

export type TelegramFault = "rate_limit" | "created_then_5xx" | "timeout" | "revoked_token" | "not_admin";

export interface FakeChat {
  id: number;
  type: "channel";
  title: string;
  username?: string;
}

export interface FakeMessage {
  message_id: number;
  chat: FakeChat;
  /** As the reader sees it. */
  caption: string;
  captionHtml: string;
  links: string[];
  photo: Buffer;
  photoType: string;
}

export interface TelegramFake extends Loopback {
  token: string;
  publicChannel: FakeChat;
  privateChannel: FakeChat;
  messages: FakeMessage[];
  /** What a 429 carries in `parameters.retry_after`, in seconds. */
  retryAfter: number;
  failNext(fault: TelegramFault): void;
}

const MAX_CAPTION = 1024;

const refuse = (res: ServerResponse, code: number, description: string, parameters?: object) =>
  json(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });

/**
 * @example
 * const fake = await startTelegramFake();
 * fake.failNext("timeout");                   // the next sendPhoto sends, then never answers
 * fake.messages[0]?.caption;                  // as the reader sees it
 */
export async function startTelegramFake(): Promise<TelegramFake> {
  const faults: TelegramFault[] = [];
  let revoked = false;
  let nextId = 41;

  const findChat = (chatId: string) =>
    [fake.publicChannel, fake.privateChannel].find(
      (c) => chatId === String(c.id) || (c.username && chatId === `@${c.username}`),
    );

  async function sendPhoto(req: SeenRequest, res: ServerResponse, fault?: TelegramFault) {
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("multipart/form-data"))
      return refuse(res, 400, "Bad Request: there is no photo in the request");
    const form = await new Response(req.body, { headers: { "content-type": type } }).formData();
    const chatId = form.get("chat_id");
    if (typeof chatId !== "string" || chatId === "") return refuse(res, 400, "Bad Request: chat_id is empty");
    const chat = findChat(chatId);
    if (!chat) return refuse(res, 400, "Bad Request: chat not found");
    if (fault === "not_admin") return refuse(res, 403, "Forbidden: bot is not a member of the channel chat");
    const photo = form.get("photo");
    if (!(photo instanceof Blob) || photo.size === 0)
      return refuse(res, 400, "Bad Request: there is no photo in the request");
    // Multipart sends line breaks as CRLF; the Bot API drops every "\r" (TDLib's clean_input_string).
    const captionHtml = String(form.get("caption") ?? "").replace(/\r/g, "");
    const parseMode = form.get("parse_mode");
    const parsed =
      parseMode === "HTML"
        ? parseTelegramHtml(captionHtml)
        : { ok: true as const, text: captionHtml, links: [] };
    if (!parsed.ok) return refuse(res, 400, parsed.error);
    // Telegram counts UTF-16 code units of the text as shown.
    if (parsed.text.length > MAX_CAPTION) return refuse(res, 400, "Bad Request: message caption is too long");
    if (fault === "rate_limit") {
      const retryAfter = fake.retryAfter;
      return refuse(res, 429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    const message: FakeMessage = {
      message_id: nextId++,
      chat,
      caption: parsed.text,
      captionHtml,
      links: parsed.links,
      photo: Buffer.from(await photo.arrayBuffer()),
      photoType: photo.type,
    };
    fake.messages.push(message);
    if (fault === "created_then_5xx") return refuse(res, 500, "Internal Server Error");
    if (fault === "timeout") return untilClientLeaves(res);
    json(res, 200, {
      ok: true,
      result: {
        message_id: message.message_id,
        sender_chat: chat,
        chat,
        date: Math.floor(Date.now() / 1000),
        photo: [
          {
            file_id: `AgAC${message.message_id}`,
            file_unique_id: `AQAD${message.message_id}`,
            width: 1,
            height: 1,
          },
        ],
        caption: parsed.text,
      },
    });
  }

  const server = await startLoopback(async (req, res) => {
    const route = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    const fault = faults.shift();
    if (fault === "revoked_token") revoked = true;
    if (!route || route[1] !== fake.token || revoked) return refuse(res, 401, "Unauthorized");
    if (route[2] === "sendPhoto") return sendPhoto(req, res, fault);
    refuse(res, 404, "Not Found");
  });

  const fake: TelegramFake = {
    ...server,
    token: "7012345678:AAHk3vQ-Zs9fXn2LwPq8Rt5Yb1Uc4Md7Ge0",
    publicChannel: { id: -1001234567890, type: "channel", title: "Herald News", username: "herald_news" },
    privateChannel: { id: -1009876543210, type: "channel", title: "Herald Desk" },
    messages: [],
    retryAfter: 17,
    failNext: (fault) => void faults.push(fault),
  };
  return fake;
}
