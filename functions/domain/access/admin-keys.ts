import * as z from "zod";

/** What a key may do: `viewer` reads, `editor` also acts on editions and briefings, `admin` does all. */
export const Role = z.enum(["viewer", "editor", "admin"]);
export type Role = z.infer<typeof Role>;

/** A named admin key. The name is who the audit log says acted; the key itself is never logged. */
export const AdminKey = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "letters, digits, . _ - (at most 63)"),
  role: Role,
  key: z.string().min(1),
});
export type AdminKey = z.infer<typeof AdminKey>;

/** The name the single `adminKey` of earlier versions goes by: it keeps working, with every right. */
export const LEGACY_KEY_NAME = "admin";

/**
 * Every key that may call the admin API: the named `adminKeys`, and the single `adminKey` as a key
 * named "admin" with role admin. Two keys with one name, or one key under two names, are refused:
 * the audit log must say unambiguously who acted.
 *
 * @example
 * adminKeysOf({ adminKey: "k1…", adminKeys: [{ name: "desk", role: "editor", key: "k2…" }] });
 * // [{ name: "admin", role: "admin", key: "k1…" }, { name: "desk", role: "editor", key: "k2…" }]
 */
export function adminKeysOf(secrets: { adminKey?: string; adminKeys?: AdminKey[] }): AdminKey[] {
  const keys = [
    ...(secrets.adminKey ? [{ name: LEGACY_KEY_NAME, role: "admin" as const, key: secrets.adminKey }] : []),
    ...(secrets.adminKeys ?? []).map((k) => AdminKey.parse(k)),
  ];
  const names = new Set(keys.map((k) => k.name));
  const values = new Set(keys.map((k) => k.key));
  if (names.size !== keys.length) throw new Error("two admin keys have the same name");
  if (values.size !== keys.length) throw new Error("one admin key is configured twice");
  return keys;
}

/**
 * `HERALD_ADMIN_KEYS` (local runs): `name:role:key[,name:role:key…]`; the key may contain colons.
 *
 * @example
 * parseAdminKeys("desk:editor:s3cret,intern:viewer:0ther"); // two keys
 */
export function parseAdminKeys(value: string): AdminKey[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, ...rest] = entry.split(":");
      const parsed = AdminKey.safeParse({ name, role, key: rest.join(":") });
      if (!parsed.success) throw new Error("HERALD_ADMIN_KEYS must be name:role:key[,name:role:key…]");
      return parsed.data;
    });
}
