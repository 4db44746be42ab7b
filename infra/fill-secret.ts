import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

/**
 * Fills (and deliberately rotates) Herald's one secret. CloudFormation can generate a single random
 * value per secret (`adminKey`), so the stack leaves the webhook secrets and token keys empty and this
 * fills them in place, without printing them and without any value ever entering the template:
 *
 *   npx tsx infra/fill-secret.ts <SecretArn>                    fill whatever is missing (idempotent)
 *   npx tsx infra/fill-secret.ts <SecretArn> --rotate-webhook   new webhook secret first, old kept
 *   npx tsx infra/fill-secret.ts <SecretArn> --rotate-token-key new current token key, old kept
 *
 * Rotations keep the previous value so the CMS and links already in inboxes go on working; drop the
 * old webhook secret by editing the secret once the CMS uses the new one.
 */
export interface AppSecret {
  webhookSecrets: string[];
  adminKey: string;
  tokenKeys: { current: string; keys: Record<string, string> };
}

export interface FillOptions {
  rotateWebhook?: boolean;
  rotateTokenKey?: boolean;
}

/** 32 random bytes: 256 bits, as HMAC-SHA256 keys should be. */
export const randomSecret = (): string => randomBytes(32).toString("base64url");

/** Pure: the secret with every missing value generated and requested rotations applied. */
export function fillSecret(
  input: Partial<AppSecret>,
  options: FillOptions = {},
  random: () => string = randomSecret,
): { secret: AppSecret; changed: string[] } {
  const changed: string[] = [];
  let webhookSecrets = (input.webhookSecrets ?? []).filter(Boolean);
  if (webhookSecrets.length === 0 || options.rotateWebhook) {
    webhookSecrets = [random(), ...webhookSecrets];
    changed.push("webhookSecrets");
  }
  let adminKey = input.adminKey ?? "";
  if (adminKey.length < 16) {
    adminKey = random();
    changed.push("adminKey");
  }
  const keys = { ...(input.tokenKeys?.keys ?? {}) };
  let current = input.tokenKeys?.current || "k1";
  if (options.rotateTokenKey && keys[current]) {
    let n = Object.keys(keys).length + 1;
    while (keys[`k${n}`]) n++;
    current = `k${n}`;
  }
  if (!keys[current]) {
    keys[current] = random();
    changed.push(`tokenKeys.keys.${current}`);
  }
  return { secret: { webhookSecrets, adminKey, tokenKeys: { current, keys } }, changed };
}

async function main(argv: string[]): Promise<void> {
  const secretId = argv.find((a) => !a.startsWith("--"));
  if (!secretId)
    throw new Error(
      "usage: npx tsx infra/fill-secret.ts <SecretArn> [--rotate-webhook] [--rotate-token-key]",
    );
  const { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } = await import(
    "@aws-sdk/client-secrets-manager"
  );
  const client = new SecretsManagerClient({});
  const current = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const { secret, changed } = fillSecret(JSON.parse(current.SecretString ?? "{}"), {
    rotateWebhook: argv.includes("--rotate-webhook"),
    rotateTokenKey: argv.includes("--rotate-token-key"),
  });
  if (changed.length === 0) {
    console.log("Nothing to fill: the secret is complete.");
    return;
  }
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(secret) }));
  console.log(`Filled: ${changed.join(", ")}. Functions pick it up within 5 minutes (secret cache).`);
  console.log(
    `Read the webhook secret and admin key with:\n  aws secretsmanager get-secret-value --secret-id ${secretId} --query SecretString --output text`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
