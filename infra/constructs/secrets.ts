import { CfnOutput, Validations } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { RuntimeEnvironment } from "./runtime-environment.js";

/**
 * The shape of the one secret the functions read (`Secrets` in functions/domain/config.ts). The
 * template carries only this skeleton: Secrets Manager generates `adminKey` at creation, and the
 * values that need more than one random string (the webhook secrets the CMS shares, the token-signing
 * keys by id) are filled by `infra/fill-secret.ts` right after the first deploy. Until then the
 * functions fail closed: no webhook signature verifies and no token can be signed.
 */
export const SECRET_SKELETON = {
  webhookSecrets: [] as string[],
  tokenKeys: { current: "k1", keys: {} as Record<string, string> },
};

export class HeraldSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: { env: RuntimeEnvironment }) {
    super(scope, id);
    this.secret = new Secret(this, "AppSecret", {
      description: "Herald: webhook secrets, admin key and token-signing keys (JSON)",
      generateSecretString: {
        secretStringTemplate: JSON.stringify(SECRET_SKELETON),
        generateStringKey: "adminKey",
        passwordLength: 48,
        excludePunctuation: true,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotation is deliberate, not scheduled: webhookSecrets is a list so the CMS and Herald overlap " +
        "during a change, and token keys carry ids so links signed with the previous key keep working. " +
        "A rotation Lambda replacing the value on a timer would break the CMS's signatures.",
    });
    props.env.set("HERALD_SECRET_ARN", this.secret.secretArn);
    new CfnOutput(scope, "SecretArn", {
      value: this.secret.secretArn,
      description: "Fill it once after the first deploy: npx tsx infra/fill-secret.ts <this ARN>",
    });
  }

  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
