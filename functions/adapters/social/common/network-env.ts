type Env = Record<string, string | undefined>;

/**
 * One network's variables from a settings record: the environment locally, the Secrets Manager JSON
 * secret on AWS (same names). Blank values count as unset. Errors name variables, never values:
 * most of them are secrets.
 */
export interface NetworkEnv<Name extends string> {
  /** A variable's value, or `undefined` when unset or blank. */
  optional(name: Name): string | undefined;
  /**
   * A variable's value; throws naming it when it is unset, because a half-configured account would
   * otherwise fall back to the outbox without anyone noticing.
   */
  required(name: Name): string;
  /**
   * An http(s) base URL without a trailing slash: `fallback` when unset, and required when there is
   * no fallback; throws naming a variable that is not such a URL.
   */
  baseUrl(name: Name, fallback?: string): string;
}

/**
 * A network's variables, or `undefined` when none of `names` is set: Herald then uses the outbox
 * for that network.
 *
 * @example
 * const vars = networkEnv(env, ["HERALD_X_API_URL", "HERALD_X_USERNAME", "HERALD_X_ACCESS_TOKEN"]);
 * if (!vars) return undefined;
 * const username = vars.required("HERALD_X_USERNAME");
 * // throws "HERALD_X_USERNAME is not set, but HERALD_X_ACCESS_TOKEN is: set it as well, or none of them"
 */
export function networkEnv<Name extends string>(
  env: Env,
  names: readonly Name[],
): NetworkEnv<Name> | undefined {
  const value = (name: Name) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const set = names.filter((name) => value(name) !== undefined);
  if (set.length === 0) return undefined;

  const required = (name: Name) => {
    const v = value(name);
    if (v === undefined) {
      const verb = set.length === 1 ? "is" : "are";
      throw new Error(`${name} is not set, but ${set.join(", ")} ${verb}: set it as well, or none of them`);
    }
    return v;
  };
  return {
    optional: value,
    required,
    baseUrl(name, fallback) {
      const raw = fallback === undefined ? required(name) : (value(name) ?? fallback);
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error(`${name} must be an http(s) URL`);
      }
      if (url.protocol !== "https:" && url.protocol !== "http:")
        throw new Error(`${name} must be an http(s) URL`);
      return raw.replace(/\/+$/, "");
    },
  };
}
