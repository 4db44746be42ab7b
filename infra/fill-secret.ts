import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

/**
 * Fills (and deliberately rotates) Herald's two app secrets (infra/constructs/secrets.ts): the API's
 * (`adminKey`, `webhookSecrets`) and the token keys (`{ current, <id>: key }`). CloudFormation
 * generates one random value per secret (the admin key, the first token key), so the webhook secret
 * list is filled here, in place, without printing it and without any value entering the template:
 *
 *   npx tsx infra/fill-secret.ts <ApiSecretArn> <TokenKeysSecretArn>                    fill what is missing
 *   npx tsx infra/fill-secret.ts <ApiSecretArn> <TokenKeysSecretArn> --rotate-webhook   new webhook secret first
 *   npx tsx infra/fill-secret.ts <ApiSecretArn> <TokenKeysSecretArn> --rotate-token-key new current token key
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

/** The stored halves: the API's secret and the flat token-key secret. */
export interface StoredSecrets {
  api: Partial<Pick<AppSecret, "adminKey" | "webhookSecrets">>;
  tokens: Record<string, string>;
}

/** The two stored secrets as one `AppSecret` to fill. */
export function joinSecrets({ api, tokens }: StoredSecrets): Partial<AppSecret> {
  const { current, ...keys } = tokens;
  return { ...api, tokenKeys: { current: current ?? "k1", keys } };
}

/** A filled `AppSecret` as the two values to store. */
export function splitSecret(secret: AppSecret): {
  api: StoredSecrets["api"];
  tokens: Record<string, string>;
} {
  return {
    api: { adminKey: secret.adminKey, webhookSecrets: secret.webhookSecrets },
    tokens: { current: secret.tokenKeys.current, ...secret.tokenKeys.keys },
  };
}

async function main(argv: string[]): Promise<void> {
  const [apiId, tokensId] = argv.filter((a) => !a.startsWith("--"));
  if (!apiId || !tokensId)
    throw new Error(
      "usage: npx tsx infra/fill-secret.ts <ApiSecretArn> <TokenKeysSecretArn> [--rotate-webhook] [--rotate-token-key]",
    );
  const { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } = await import(
    "@aws-sdk/client-secrets-manager"
  );
  const client = new SecretsManagerClient({});
  const read = async (id: string) =>
    JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString ?? "{}");
  const { secret, changed } = fillSecret(
    joinSecrets({ api: await read(apiId), tokens: await read(tokensId) }),
    {
      rotateWebhook: argv.includes("--rotate-webhook"),
      rotateTokenKey: argv.includes("--rotate-token-key"),
    },
  );
  if (changed.length === 0) {
    console.log("Nothing to fill: the secrets are complete.");
    return;
  }
  const stored = splitSecret(secret);
  if (changed.some((c) => !c.startsWith("tokenKeys")))
    await client.send(
      new PutSecretValueCommand({ SecretId: apiId, SecretString: JSON.stringify(stored.api) }),
    );
  if (changed.some((c) => c.startsWith("tokenKeys")))
    await client.send(
      new PutSecretValueCommand({ SecretId: tokensId, SecretString: JSON.stringify(stored.tokens) }),
    );
  console.log(`Filled: ${changed.join(", ")}. Functions pick it up within 5 minutes (secret cache).`);
  console.log(
    `Read the webhook secret and admin key with:\n  aws secretsmanager get-secret-value --secret-id ${apiId} --query SecretString --output text`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
