type Env = Record<string, string | undefined>;

/**
 * One network's variables from a settings record (the environment locally, a Secrets Manager JSON
 * secret on AWS): `undefined` when none is set, so Herald uses the outbox for that network.
 */
export interface NetworkEnv {
  /** A variable's value, or `undefined` when unset or blank. */
  optional(name: string): string | undefined;
  /** A variable's value; throws naming it when it is missing. */
  required(name: string): string;
  /** An http(s) base URL without a trailing slash, `fallback` when unset; throws naming a bad one. */
  baseUrl(name: string, fallback: string): string;
}

/**
 * @example
 * const vars = networkEnv(env, ["HERALD_X_API_URL", "HERALD_X_ACCESS_TOKEN"]);
 * if (!vars) return undefined;
 * const token = vars.required("HERALD_X_ACCESS_TOKEN");
 */
export function networkEnv(env: Env, names: readonly string[]): NetworkEnv | undefined {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const setNames = names.filter((name) => value(name) !== undefined);
  if (setNames.length === 0) return undefined;
  return {
    optional: value,
    required(name) {
      const v = value(name);
      if (v === undefined) throw new Error(`${name} must be set along with ${setNames.join(", ")}`);
      return v;
    },
    baseUrl(name, fallback) {
      const v = value(name) ?? fallback;
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        throw new Error(`${name} must be an http(s) URL`);
      }
      if (url.protocol !== "https:" && url.protocol !== "http:")
        throw new Error(`${name} must be an http(s) URL`);
      return v.replace(/\/+$/, "");
    },
  };
}
