import { parseAdminKeys } from "../domain/access/admin-keys.js";
import type { Secrets } from "../domain/config.js";

type Env = Record<string, string | undefined>;

/** The development secrets `npm start` prints; never used where `HERALD_*` secrets are set. */
export const DEV_SECRETS = {
  webhook: "dev-webhook-secret",
  admin: "dev-admin-key",
  /** Local keys for the two lesser roles, so the console can be tried as each (`HERALD_ADMIN_KEYS`). */
  adminKeys: "editor:editor:dev-editor-key,viewer:viewer:dev-viewer-key",
  token: "dev-token-signing-key",
};

/**
 * Secrets from the environment (local runs). `HERALD_TOKEN_KEYS` is `id:secret[,id:secret…]`, the
 * first signing new tokens and all of them verifying, which is how a key is rotated with a grace period.
 * `HERALD_ADMIN_KEYS` is `name:role:key[,…]` beside `HERALD_ADMIN_KEY` (the key named "admin").
 */
export function secretsFromEnv(env: Env = process.env): Secrets {
  const pairs = (env.HERALD_TOKEN_KEYS ?? `dev1:${DEV_SECRETS.token}`)
    .split(",")
    .map((p) => p.trim().split(/:(.*)/s) as [string, string])
    .filter(([id, secret]) => id && secret);
  if (pairs.length === 0) throw new Error("HERALD_TOKEN_KEYS must be id:secret[,id:secret…]");
  return {
    webhookSecrets: (env.HERALD_WEBHOOK_SECRET ?? DEV_SECRETS.webhook).split(",").filter(Boolean),
    adminKey: env.HERALD_ADMIN_KEY ?? DEV_SECRETS.admin,
    adminKeys: parseAdminKeys(env.HERALD_ADMIN_KEYS ?? DEV_SECRETS.adminKeys),
    tokenKeys: { current: pairs[0]?.[0] as string, keys: Object.fromEntries(pairs) },
  };
}
