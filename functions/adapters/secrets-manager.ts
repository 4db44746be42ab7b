import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import type { Secrets } from "../domain/config.js";
import { SECRET_ENV, type SecretPart, secretsFromParts } from "./secret-parts.js";

type Env = Record<string, string | undefined>;

/**
 * Reads the parts of the app secret this function uses from Secrets Manager, through Powertools'
 * cache (at most every 5 minutes per warm container, so a rotation reaches warm containers within
 * five minutes). A function that reads none makes no call.
 *
 * @example
 * const secrets = await loadSecrets(["tokens"]); // the send worker: it signs links, nothing else
 */
export async function loadSecrets(parts: readonly SecretPart[], env: Env = process.env): Promise<Secrets> {
  const values: Partial<Record<SecretPart, unknown>> = {};
  for (const part of parts) {
    const arn = env[SECRET_ENV[part]];
    if (!arn) throw new Error(`${SECRET_ENV[part]} is not set`);
    values[part] = await getSecret(arn, { transform: "json", maxAge: 300 });
  }
  return secretsFromParts(values);
}
