import { CfnOutput, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { type ISecret, Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { SECRET_ENV, type SecretPart } from "../../functions/adapters/secret-parts.js";
import { RuntimeEnvironment } from "./runtime-environment.js";

/**
 * The skeletons of the app's two secrets (`functions/adapters/secret-parts.ts` reads them). The
 * template carries only these: Secrets Manager generates the admin key and the first token key (`k1`)
 * at creation; the webhook secrets the CMS shares are a list, which CloudFormation cannot generate,
 * so `infra/fill-secret.ts` fills them right after the first deploy. Until then no webhook verifies.
 */
export const API_SECRET_SKELETON = { webhookSecrets: [] as string[] };
export const TOKEN_SECRET_SKELETON = { current: "k1" };

/**
 * The app's secrets, split by consumer so each function reads only what it uses:
 * - `tokens`: the token-signing keys. Every unsubscribe, confirmation and preferences link in an
 *   inbox is signed with them, so they outlive the stack like the table does (RETAIN): a stack that
 *   is deleted and deployed again with the retained table can be given the same keys back.
 * - `api`: the admin key and the CMS webhook secrets, read by the API alone; retained too, since the
 *   CMS holds the webhook secret.
 */
export class HeraldSecrets extends Construct {
  readonly tokens: ISecret;
  readonly api: ISecret;

  /** `adopt`: complete ARNs of secrets retained from a previous deployment, used instead of new ones. */
  constructor(scope: Construct, id: string, props: { adopt?: { tokens?: string; api?: string } } = {}) {
    super(scope, id);
    const adopted = (name: string, arn?: string) =>
      arn ? Secret.fromSecretCompleteArn(this, name, arn) : undefined;
    this.tokens =
      adopted("TokenKeys", props.adopt?.tokens) ??
      new Secret(this, "TokenKeys", {
        description: "Herald: token-signing keys of subscriber links (JSON: current key id, then id: key)",
        generateSecretString: {
          secretStringTemplate: JSON.stringify(TOKEN_SECRET_SKELETON),
          generateStringKey: "k1",
          passwordLength: 48,
          excludePunctuation: true,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.api =
      adopted("ApiSecret", props.adopt?.api) ??
      new Secret(this, "ApiSecret", {
        description: "Herald: admin key and CMS webhook secrets (JSON), read by the API alone",
        generateSecretString: {
          secretStringTemplate: JSON.stringify(API_SECRET_SKELETON),
          generateStringKey: "adminKey",
          passwordLength: 48,
          excludePunctuation: true,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
    for (const secret of [this.tokens, this.api].filter((s) => s instanceof Secret)) {
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "Rotation is deliberate, not scheduled: webhookSecrets is a list so the CMS and Herald overlap " +
          "during a change, and token keys carry ids so links signed with the previous key keep working " +
          "(infra/fill-secret.ts --rotate-…). A rotation Lambda on a timer would break both.",
      });
    }
    new CfnOutput(scope, "TokenKeysSecretArn", {
      value: this.tokens.secretArn,
      description:
        "Token-signing keys (retained with the table): npx tsx infra/fill-secret.ts fills both secrets",
    });
    new CfnOutput(scope, "ApiSecretArn", {
      value: this.api.secretArn,
      description:
        "Admin key and webhook secrets: npx tsx infra/fill-secret.ts <ApiSecretArn> <TokenKeysSecretArn>",
    });
  }

  /** Lets `fn` read exactly the named secrets and tells it where they are (their ARNs, no values). */
  grant(fn: LambdaFunction, names: readonly SecretPart[]): void {
    for (const name of names) {
      const secret = name === "tokens" ? this.tokens : this.api;
      // GetSecretValue is all Powertools' getSecret calls; grantRead would add DescribeSecret.
      iam.Grant.addToPrincipal({
        grantee: fn,
        actions: ["secretsmanager:GetSecretValue"],
        resourceArns: [secret.secretArn],
      });
      RuntimeEnvironment.setOn(fn, SECRET_ENV[name], secret.secretArn);
    }
  }
}
