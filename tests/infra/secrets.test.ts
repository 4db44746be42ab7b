import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_ENV } from "../../functions/adapters/secret-parts.js";
import { logicalId, type Props, resourcesOf, synthHerald } from "./helpers.js";

const RETAINED_TOKENS = "arn:aws:secretsmanager:us-east-1:123456789012:secret:HeraldTokenKeys-AbC123";

/** Each function's (hash-less) logical id → the secret ARN variables in its environment. */
function secretVariables(template: Template): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    resourcesOf(template, "AWS::Lambda::Function").map(([id, fn]) => [
      id.replace(/[0-9A-F]{8}$/, ""),
      Object.fromEntries(
        Object.entries((fn.Properties as Props).Environment.Variables as Props).filter(([name]) =>
          /SECRET_ARN$/.test(name),
        ),
      ),
    ]),
  );
}

describe("the app's secrets: split by consumer, retained like the table", () => {
  let template: Template;
  let resources: Record<string, Props>;
  beforeAll(() => {
    template = synthHerald().template;
    resources = template.toJSON().Resources;
  });

  it("the token keys and the API secret survive a stack deletion, as the table does", () => {
    const table = resources[logicalId(template, "AWS::DynamoDB::GlobalTable", "DataTable")] as Props;
    expect(table.DeletionPolicy).toBe("Retain");
    for (const hint of ["TokenKeys", "ApiSecret"]) {
      const secret = resources[logicalId(template, "AWS::SecretsManager::Secret", hint)] as Props;
      expect(secret.DeletionPolicy, hint).toBe("Retain");
      expect(secret.UpdateReplacePolicy, hint).toBe("Retain");
    }
  });

  it("no secret holds the admin key and the token keys together: two secrets, each generated, no value in the template", () => {
    const tokens = resources[logicalId(template, "AWS::SecretsManager::Secret", "TokenKeys")] as Props;
    const api = resources[logicalId(template, "AWS::SecretsManager::Secret", "ApiSecret")] as Props;
    for (const secret of [tokens, api]) expect(secret.Properties.SecretString).toBeUndefined();
    // Secrets Manager generates the first token key, so links can be signed from the first deploy.
    expect(tokens.Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ current: "k1" }),
      GenerateStringKey: "k1",
    });
    expect(api.Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ webhookSecrets: [] }),
      GenerateStringKey: "adminKey",
    });
    expect(
      resourcesOf(template, "AWS::SecretsManager::Secret")
        .map(([id]) => id.replace(/[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["SecretsApiSecret", "SecretsTokenKeys", "SocialSocialSecret"]);
  });

  it("each function is told the ARN of exactly the secrets it reads, and no other", () => {
    const tokens = { Ref: logicalId(template, "AWS::SecretsManager::Secret", "TokenKeys") };
    const api = { Ref: logicalId(template, "AWS::SecretsManager::Secret", "ApiSecret") };
    const social = { Ref: logicalId(template, "AWS::SecretsManager::Secret", "SocialSecret") };
    expect(secretVariables(template)).toEqual({
      ApiFunction: { [SECRET_ENV.api]: api, [SECRET_ENV.tokens]: tokens },
      SendingRenderPlan: { [SECRET_ENV.tokens]: tokens },
      SendingSend: { [SECRET_ENV.tokens]: tokens },
      FeedbackSesFeedback: {},
      SocialWorker: { HERALD_SOCIAL_SECRET_ARN: social },
      Briefing: {},
      RecoveryRecover: {},
      ConsoleFunction: {},
      TrackingFunction: { [SECRET_ENV.api]: api, [SECRET_ENV.tokens]: tokens },
      TrackingRecorder: {},
    });
  });

  it("a retained token-key secret is adopted by ARN instead of creating a new one (redeploy after a delete)", () => {
    const adopted = synthHerald({ tokenKeysSecretArn: RETAINED_TOKENS }).template;
    const ids = resourcesOf(adopted, "AWS::SecretsManager::Secret").map(([id]) => id);
    expect(ids.some((id) => id.includes("TokenKeys"))).toBe(false);
    expect(ids.some((id) => id.includes("ApiSecret"))).toBe(true);
    const vars = secretVariables(adopted);
    for (const fn of ["ApiFunction", "SendingRenderPlan", "SendingSend"])
      expect(vars[fn]?.[SECRET_ENV.tokens], fn).toBe(RETAINED_TOKENS);
  });
});
