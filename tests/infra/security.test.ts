import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Stack, Validations } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { Bucket } from "aws-cdk-lib/aws-s3";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import type { HeraldStack } from "../../infra/herald-stack.js";
import { type Props, resourcesOf, synthHerald, testApp } from "./helpers.js";

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every IAM statement granted to each function's role, keyed by the function's logical id. */
function grantsByFunction(template: Template): Map<string, Statement[]> {
  const resources = template.toJSON().Resources as Record<string, Props>;
  const policies = resourcesOf(template, "AWS::IAM::Policy").map(([, p]) => p.Properties as Props);
  const out = new Map<string, Statement[]>();
  for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
    const roleId = (fn.Properties as Props).Role["Fn::GetAtt"][0];
    expect(
      resources[roleId]?.Properties.ManagedPolicyArns,
      `${id} uses no AWS-managed policy`,
    ).toBeUndefined();
    const statements = policies
      .filter((p) => p.Roles.some((r: Props) => r.Ref === roleId))
      .flatMap((p) => p.PolicyDocument.Statement as Statement[]);
    out.set(id, statements);
  }
  return out;
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOfStatement = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const fnNamed = (grants: Map<string, Statement[]>, hint: string) =>
  [...grants.entries()].find(([id]) => id.startsWith(hint))?.[1] ?? [];
const granted = (statements: Statement[], prefix: string) =>
  statements
    .flatMap(actionsOf)
    .filter((a) => a.startsWith(prefix))
    .sort();

describe("IAM: each function is granted exactly what it touches", () => {
  let template: Template;
  let grants: Map<string, Statement[]>;
  beforeAll(() => {
    template = synthHerald().template;
    grants = grantsByFunction(template);
  });

  it("no data-plane action is granted on Resource '*' or on a wildcard ARN", () => {
    const scoped = /^(dynamodb|sqs|ses|secretsmanager|kms|sns|logs):/;
    let checked = 0;
    for (const [id, statements] of grants) {
      for (const s of statements.filter((st) => actionsOf(st).some((a) => scoped.test(a)))) {
        checked++;
        for (const resource of resourcesOfStatement(s)) {
          expect(resource, `${id}: ${actionsOf(s).join(",")}`).not.toBe("*");
          expect(JSON.stringify(resource), `${id}: ${actionsOf(s).join(",")}`).not.toContain("*");
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("SES: the send worker may only SendBulkEmail, the API also SendEmail, the renderer nothing", () => {
    expect(granted(fnNamed(grants, "SendingSend"), "ses:")).toEqual(["ses:SendBulkEmail"]);
    expect(granted(fnNamed(grants, "ApiFunction"), "ses:")).toEqual(["ses:SendBulkEmail", "ses:SendEmail"]);
    expect(granted(fnNamed(grants, "SendingRenderPlan"), "ses:")).toEqual([]);
  });

  it("SES sends are scoped to the domain identity and the configuration set", () => {
    const ses = fnNamed(grants, "SendingSend").find((s) => actionsOf(s).includes("ses:SendBulkEmail"));
    const arns = JSON.stringify(ses?.Resource);
    expect(arns).toContain(":identity/");
    expect(arns).toContain(":configuration-set/");
    expect(resourcesOfStatement(ses as Statement)).toHaveLength(2);
  });

  it("SQS: the API enqueues editions, the renderer enqueues chunks; nobody else sends", () => {
    const sendsTo = (hint: string) =>
      fnNamed(grants, hint)
        .filter((s) => actionsOf(s).includes("sqs:SendMessage"))
        .map((s) => JSON.stringify(s.Resource));
    expect(sendsTo("ApiFunction")).toEqual([expect.stringContaining("SendingEditionQueue")]);
    expect(sendsTo("SendingRenderPlan")).toEqual([expect.stringContaining("SendingSendQueue")]);
    expect(sendsTo("SendingSend")).toEqual([]);
  });

  it("DynamoDB: item actions on the table and its gsi1 index, no table management", () => {
    for (const [id, statements] of grants) {
      const actions = granted(statements, "dynamodb:");
      expect(actions, id).not.toContain("dynamodb:DeleteTable");
      expect(actions, id).not.toContain("dynamodb:DescribeTable");
      const s = statements.find((st) => actionsOf(st).includes("dynamodb:Query"));
      expect(JSON.stringify(s?.Resource), id).toContain("/index/gsi1");
    }
  });
});

describe("secrets are referenced, never inlined", () => {
  let template: Template;
  let stack: HeraldStack;
  beforeAll(() => {
    ({ template, stack } = synthHerald());
  });

  it("HERALD_SECRET_ARN is a Ref to the one secret, on every function, which may read it", () => {
    const [[secretId]] = resourcesOf(template, "AWS::SecretsManager::Secret") as [[string, Props]];
    const grants = grantsByFunction(template);
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      expect((fn.Properties as Props).Environment.Variables.HERALD_SECRET_ARN, id).toEqual({ Ref: secretId });
      const read = grants.get(id)?.find((s) => actionsOf(s).includes("secretsmanager:GetSecretValue"));
      expect(read?.Resource, id).toEqual({ Ref: secretId });
    }
  });

  it("the secret's value is generated by Secrets Manager; the template holds only the empty skeleton", () => {
    const [[, secret]] = resourcesOf(template, "AWS::SecretsManager::Secret") as [[string, Props]];
    expect(secret.Properties.SecretString).toBeUndefined();
    const generate = secret.Properties.GenerateSecretString;
    expect(generate.GenerateStringKey).toBe("adminKey");
    expect(JSON.parse(generate.SecretStringTemplate)).toEqual({
      webhookSecrets: [],
      tokenKeys: { current: "k1", keys: {} },
    });
  });

  it("no environment variable holds anything that looks like a secret", () => {
    const looksSecret = /^[A-Za-z0-9+/_=-]{24,}$/;
    const secretName = /SECRET|KEY|TOKEN|PASSWORD/i;
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      for (const [name, value] of Object.entries((fn.Properties as Props).Environment.Variables)) {
        if (typeof value !== "string") continue; // a Ref or GetAtt names a resource, it holds no value
        expect(looksSecret.test(value), `${id} ${name}=${value}`).toBe(false);
        expect(secretName.test(name) && name !== "HERALD_SECRET_ARN", `${id} ${name}`).toBe(false);
      }
    }
  });

  it("every function gets the whole runtime contract", () => {
    const contract = [
      "HERALD_TABLE_NAME",
      "HERALD_EDITION_QUEUE_URL",
      "HERALD_SEND_QUEUE_URL",
      "HERALD_PUBLIC_URL",
      "HERALD_TOPICS",
      "HERALD_AUDIENCE_SHARDS",
      "HERALD_BRAND_NAME",
      "HERALD_FROM_ADDRESS",
      "HERALD_POSTAL_ADDRESS",
      "HERALD_LIST_ID",
      "HERALD_SES_CONFIGURATION_SET",
      "HERALD_CHUNK_LEASE_SECONDS",
      "HERALD_SECRET_ARN",
      "POWERTOOLS_SERVICE_NAME",
      "NODE_OPTIONS",
    ];
    expect(stack.runtimeEnv.names()).toEqual(
      expect.arrayContaining(contract.filter((n) => n !== "NODE_OPTIONS")),
    );
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      const vars = (fn.Properties as Props).Environment.Variables;
      for (const name of contract) expect(vars[name], `${id} ${name}`).toBeDefined();
      expect(vars.NODE_OPTIONS).toBe("--enable-source-maps");
      expect(Number(vars.HERALD_CHUNK_LEASE_SECONDS)).toBeLessThanOrEqual(6 * 60);
    }
  });
});

/** Every acknowledgement in a construct tree: `{ ruleId: reason }`. */
function acknowledgements(root: IConstruct): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          out[`${c.node.path} ${id}`] = reason;
        }
      }
    }
  }
  return out;
}

describe("cdk-nag (AwsSolutions) gate", () => {
  it("the Herald stack synthesizes with no unacknowledged finding, and every acknowledgement has a reason", () => {
    const { app } = synthHerald();
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, "validation-report.json"), "utf8"));
    const errors = JSON.stringify(report).match(/"severity":\s*"(error|fatal)"/g) ?? [];
    expect(errors).toEqual([]);
    const acks = acknowledgements(app);
    expect(Object.keys(acks).length).toBeGreaterThan(0);
    for (const [where, reason] of Object.entries(acks)) expect(reason.length, where).toBeGreaterThan(60);
  });

  it("fails the synth when a finding is left unacknowledged (an S3 bucket without SSL enforcement)", () => {
    const app = testApp();
    const stack = new Stack(app, "Throwaway");
    new Bucket(stack, "OpenBucket");
    let message = "";
    try {
      app.synth();
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/^ValidationFailed/);
    // The error names the rule, the offending construct, and how to acknowledge it.
    expect(message).toMatch(/ERROR The S3 Bucket or bucket policy does not require requests to use SSL/);
    expect(message).toContain("Throwaway/OpenBucket/Resource");
    expect(message).toContain("AwsSolutions-S10");
    // The same findings, structured, in the cloud assembly's validation report.
    const reportPath = /found in: (\S+validation-report\.json)/.exec(message)?.[1] as string;
    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    const violations = report.pluginReports.flatMap((r: Props) => r.violations) as Props[];
    const errors = violations
      .filter((v) => v.severity === "error")
      .map((v) => v.ruleName)
      .sort();
    expect(errors).toEqual(["AwsSolutions-S1", "AwsSolutions-S10"]);
  });

  it("passes the same stack once its findings are fixed or acknowledged with a reason", () => {
    const app = testApp();
    const stack = new Stack(app, "Throwaway");
    const bucket = new Bucket(stack, "OpenBucket", { enforceSSL: true });
    Validations.of(bucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "A test bucket: access logs are not needed here.",
    });
    expect(() => app.synth()).not.toThrow();
  });
});
