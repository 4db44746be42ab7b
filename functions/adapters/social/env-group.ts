type Env = Record<string, string | undefined>;

type Group<R extends string, O extends string> = { [K in R]: string } & { [K in O]?: string };

/**
 * One network's variables from a settings record: the environment locally, the Secrets Manager JSON
 * secret on AWS (same names). `undefined` when none of them is set (Herald then uses the outbox);
 * throws naming the first missing one when only some are, because a half-configured account would
 * otherwise fall back to the outbox without anyone noticing. Blank values count as unset. Errors
 * name variables, never values: most of them are secrets.
 *
 * @example
 * envGroup(env, ["HERALD_TELEGRAM_BOT_TOKEN", "HERALD_TELEGRAM_CHAT_ID"], ["HERALD_TELEGRAM_API_URL"]);
 * // undefined | { HERALD_TELEGRAM_BOT_TOKEN: "…", HERALD_TELEGRAM_CHAT_ID: "…", HERALD_TELEGRAM_API_URL?: "…" }
 */
export function envGroup<R extends string, O extends string = never>(
  env: Env,
  required: readonly R[],
  optional: readonly O[] = [],
): Group<R, O> | undefined {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const set = [...required, ...optional].filter((name) => value(name) !== undefined);
  if (set.length === 0) return undefined;
  const missing = required.find((name) => value(name) === undefined);
  if (missing) {
    throw new Error(`${missing} is not set, but ${set.join(", ")} is: set all of ${required.join(", ")}`);
  }
  return Object.fromEntries(set.map((name) => [name, value(name)])) as Group<R, O>;
}

/**
 * A base URL variable, checked and without a trailing slash; `fallback` when unset.
 *
 * @example
 * apiUrl(undefined, "HERALD_BLUESKY_API_URL", "https://bsky.social"); // "https://bsky.social"
 */
export function apiUrl(value: string | undefined, name: string, fallback: string): string {
  const raw = value ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`${name} must be an http(s) URL`);
  return raw.replace(/\/+$/, "");
}
