import { networkEnv } from "../common/network-env.js";

export interface TelegramSettings {
  apiUrl: string;
  /** From @BotFather, `<bot id>:<secret>`. It is part of every request path: never log a URL. */
  botToken: string;
  /** `@channelusername` or a numeric id (`-100…` for channels and supergroups); names the account. */
  chatId: string;
}

export const TELEGRAM_DEFAULT_API_URL = "https://api.telegram.org";

const NAMES = ["HERALD_TELEGRAM_BOT_TOKEN", "HERALD_TELEGRAM_CHAT_ID", "HERALD_TELEGRAM_API_URL"] as const;

/**
 * Telegram's settings from a settings record, or `undefined` when none of its variables is set.
 * Errors name the variable and never repeat its value.
 *
 * @example
 * telegramSettingsFromEnv({ HERALD_TELEGRAM_BOT_TOKEN: "123456:AA…", HERALD_TELEGRAM_CHAT_ID: "@herald_news" });
 * // { apiUrl: "https://api.telegram.org", botToken: "123456:AA…", chatId: "@herald_news" }
 */
export function telegramSettingsFromEnv(
  env: Record<string, string | undefined>,
): TelegramSettings | undefined {
  const vars = networkEnv(env, NAMES);
  if (!vars) return undefined;
  const botToken = vars.required("HERALD_TELEGRAM_BOT_TOKEN");
  const chatId = vars.required("HERALD_TELEGRAM_CHAT_ID");
  if (!/^\d+:[\w-]+$/.test(botToken)) {
    throw new Error(
      "HERALD_TELEGRAM_BOT_TOKEN is not a bot token (<bot id>:<secret>, as @BotFather gives it)",
    );
  }
  if (!/^(@\w{4,}|-?\d+)$/.test(chatId)) {
    throw new Error("HERALD_TELEGRAM_CHAT_ID must be @channelusername or a numeric chat id");
  }
  return {
    apiUrl: vars.baseUrl("HERALD_TELEGRAM_API_URL", TELEGRAM_DEFAULT_API_URL),
    botToken,
    chatId,
  };
}
