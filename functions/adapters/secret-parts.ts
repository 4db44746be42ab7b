import * as z from "zod";
import { AdminKey } from "../domain/access/admin-keys.js";
import type { Secrets } from "../domain/config.js";
import type { RuntimeVariable } from "./runtime-env.js";

/**
 * The app's secrets on AWS, split by consumer (infra/constructs/secrets.ts): a function is given the
 * ARN, and the read permission, of exactly the parts it uses.
 * - `api`: `{ adminKey, adminKeys?: [{name, role, key}], webhookSecrets: [...] }`, the API alone.
 * - `tokens`: `{ current: "k1", k1: "…", k2: "…" }`, every function that signs or verifies
 *   subscriber links. Flat, so Secrets Manager generates the first key (`k1`) at creation.
 */
export type SecretPart = "api" | "tokens";

/** The environment variable that names each part's secret ARN. */
export const SECRET_ENV = {
  api: "HERALD_API_SECRET_ARN",
  tokens: "HERALD_TOKEN_SECRET_ARN",
} as const satisfies Record<SecretPart, RuntimeVariable>;

const ApiSecret = z.object({
  webhookSecrets: z.array(z.string().min(16)).min(1),
  adminKey: z.string().min(16),
  /** Named keys with roles (`[{name, role, key}]`), added by the operator beside `adminKey`. */
  adminKeys: z.array(AdminKey.extend({ key: z.string().min(16) })).optional(),
});

const TokenSecret = z
  .record(z.string(), z.string())
  .transform(({ current, ...keys }) => ({ current, keys }))
  .pipe(
    z
      .object({ current: z.string().min(1), keys: z.record(z.string(), z.string().min(16)) })
      .refine((k) => k.keys[k.current] !== undefined, "the current token key is missing"),
  );

/**
 * A part a function was not given reads as an error naming it: a code path that needs a secret its
 * function may not read fails loudly instead of signing or comparing with an empty value.
 */
function withheld(part: SecretPart): never {
  throw new Error(`this function is not given the ${part} secret (infra/function-access.ts)`);
}

/**
 * The `Secrets` the ports carry, from the JSON of the parts this function reads (by part name).
 *
 * @example
 * secretsFromParts({ tokens: { current: "k1", k1: "x".repeat(32) } }).tokenKeys.current // "k1"
 */
export function secretsFromParts(values: Partial<Record<SecretPart, unknown>>): Secrets {
  const api = values.api === undefined ? undefined : ApiSecret.parse(values.api);
  const tokens = values.tokens === undefined ? undefined : TokenSecret.parse(values.tokens);
  return {
    get webhookSecrets() {
      return api ? api.webhookSecrets : withheld("api");
    },
    get adminKey() {
      return api ? api.adminKey : withheld("api");
    },
    get adminKeys() {
      return api ? api.adminKeys : withheld("api");
    },
    get tokenKeys() {
      return tokens ?? withheld("tokens");
    },
  };
}
