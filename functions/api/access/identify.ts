import { createHash, timingSafeEqual } from "node:crypto";
import { type AdminKey, adminKeysOf } from "../../domain/access/admin-keys.js";
import type { Secrets } from "../../domain/config.js";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** A short hash of a key: a session records it, and dies when no configured key has it any more. */
export const fingerprintOf = (key: string) => digest(key).toString("base64url").slice(0, 22);

/** Compares digests in constant time, so neither a key's content nor its length leaks through timing. */
export const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

const cache = new WeakMap<Secrets, AdminKey[]>();
/** The configured keys; parsed once per secrets object (a rotation on AWS brings a new one). */
export function keysOf(secrets: Secrets): AdminKey[] {
  let keys = cache.get(secrets);
  if (!keys) {
    keys = adminKeysOf(secrets);
    cache.set(secrets, keys);
  }
  return keys;
}

/**
 * The key a caller presented, if it is one of ours. Every key is compared, whichever matches, so the
 * time taken does not say which one did.
 *
 * @example
 * findKey(ports.secrets, "dev-editor-key"); // { name: "editor", role: "editor", key: "dev-editor-key" }
 */
export function findKey(secrets: Secrets, given: string): AdminKey | undefined {
  let found: AdminKey | undefined;
  for (const k of keysOf(secrets)) if (sameSecret(given, k.key) && !found) found = k;
  return found;
}

/** The configured key a session was opened with, if it is still configured under the same name. */
export function keyOfSession(secrets: Secrets, name: string, fingerprint: string): AdminKey | undefined {
  return keysOf(secrets).find((k) => k.name === name && fingerprintOf(k.key) === fingerprint);
}
