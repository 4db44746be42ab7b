import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { CredentialStore } from "../../flows/ports/social.js";

/** The social setting that holds the sealing key (generated into the social secret by the stack). */
export const TOKEN_KEY_SETTING = "HERALD_SOCIAL_TOKEN_KEY";
/** Locally tokens stay on the laptop's own table; a fixed key keeps `npm start` zero-config. */
export const DEV_TOKEN_KEY = "dev-social-token-key";

const VERSION = "v1";

const keyOf = (secret: string) => createHash("sha256").update(secret).digest();

function seal(key: Buffer, values: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

function open(key: Buffer, sealed: string): Record<string, string> | undefined {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !body) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    return JSON.parse(text.toString("utf8")) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/**
 * Tokens the adapters refresh are written to the table sealed (AES-256-GCM) with a key from the
 * social settings, which only the social worker can read: the table is readable by the API and the
 * other workers, the tokens in it are not. A token sealed with another key (the key was replaced)
 * reads as nothing stored, at its version, so the adapter falls back to its configured credentials
 * and its next write replaces it.
 *
 * @example
 * const credentials = sealedCredentials(dynamoCredentialStore(db, table), settings.HERALD_SOCIAL_TOKEN_KEY);
 */
export function sealedCredentials(store: CredentialStore, secret: string): CredentialStore {
  const key = keyOf(secret);
  return {
    ...store,
    async get(network, account) {
      const stored = await store.get(network, account);
      if (!stored) return undefined;
      const sealed = stored.values.sealed;
      return { values: (sealed && open(key, sealed)) || {}, version: stored.version };
    },
    put: (network, account, values, previousVersion) =>
      store.put(network, account, { sealed: seal(key, values) }, previousVersion),
  };
}
