import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";

/**
 * The key that encrypts Herald's SNS topic: alarms say what is failing, and are encrypted at rest.
 * (SES events, which carry recipient addresses, go through EventBridge to an SQS queue encrypted by
 * SQS itself.) The AWS-managed `alias/aws/sns` key cannot be used here: its policy lets no service
 * principal in, and CloudWatch must publish. So this is a customer-managed key whose policy admits
 * exactly that service, for this account only.
 */
export class NotificationKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, "Key", {
      description: "Herald: encrypts the alarm topic",
      enableKeyRotation: true,
      // Only transient messages are encrypted with it: nothing to recover after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    for (const service of ["cloudwatch.amazonaws.com"]) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          resources: ["*"], // in a key policy, "*" means this key
          conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
        }),
      );
    }
  }

  /** An SNS topic encrypted with this key that refuses publishers not using TLS. */
  topic(scope: Construct, id: string, displayName: string): Topic {
    return new Topic(scope, id, { displayName, masterKey: this.key, enforceSSL: true });
  }
}
