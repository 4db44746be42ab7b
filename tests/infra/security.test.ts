import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { EVERY_FUNCTION_VARIABLES } from "../../functions/adapters/runtime-env.js";
import type { HeraldStack } from "../../infra/herald-stack.js";
import { isConsoleFunction, logicalId, type Props, resourcesOf, synthHerald } from "./helpers.js";

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

  it("SES: the send worker only SendBulkEmail, the API that and SendEmail (email a friend), the renderer SendEmail (confirmations)", () => {
    expect(granted(fnNamed(grants, "SendingSend"), "ses:")).toEqual(["ses:SendBulkEmail"]);
    expect(granted(fnNamed(grants, "ApiFunction"), "ses:")).toEqual(["ses:SendBulkEmail", "ses:SendEmail"]);
    expect(granted(fnNamed(grants, "SendingRenderPlan"), "ses:")).toEqual(["ses:SendEmail"]);
    expect(granted(fnNamed(grants, "FeedbackSesFeedback"), "ses:")).toEqual([]);
  });

  it("SES sends are scoped to the domain identity and the configuration set", () => {
    const ses = fnNamed(grants, "SendingSend").find((s) => actionsOf(s).includes("ses:SendBulkEmail"));
    const arns = JSON.stringify(ses?.Resource);
    expect(arns).toContain(":identity/");
    expect(arns).toContain(":configuration-set/");
    expect(resourcesOfStatement(ses as Statement)).toHaveLength(2);
  });

  it("SQS: the API enqueues editions (and chunks, on resume), the renderer chunks; the feedback function nothing", () => {
    const sendsTo = (hint: string) =>
      fnNamed(grants, hint)
        .filter((s) => actionsOf(s).includes("sqs:SendMessage"))
        .map((s) => JSON.stringify(s.Resource))
        .sort();
    // CDK merges the API's two grants into one statement over both queues.
    const api = sendsTo("ApiFunction").join(" ");
    expect(api).toContain("SendingEditionQueue");
    expect(api).toContain("SendingSendQueue");
    expect(api).not.toContain("Dlq");
    const render = sendsTo("SendingRenderPlan").join(" ");
    expect(render).toContain("SendingSendQueue");
    expect(render).toContain("SocialPostQueue");
    expect(api).not.toContain("SocialPostQueue");
    // The send worker only re-queues its own throttled chunks.
    expect(sendsTo("SendingSend").join(" ")).toContain("SendingSendQueue");
    expect(sendsTo("SendingSend").join(" ")).not.toContain("EditionQueue");
    expect(sendsTo("FeedbackSesFeedback")).toEqual([]);
  });

  it("the feedback function reads and writes the table, nothing more: no secret", () => {
    const services = [
      ...new Set(
        fnNamed(grants, "FeedbackSesFeedback")
          .flatMap(actionsOf)
          .map((a) => a.split(":")[0]),
      ),
    ];
    expect(services.sort()).toEqual(["dynamodb", "logs", "sqs"]);
    // It only consumes its own queue.
    expect(granted(fnNamed(grants, "FeedbackSesFeedback"), "sqs:")).not.toContain("sqs:SendMessage");
  });

  it("DynamoDB: item actions only, and only Query on the gsi1 index (exact lists: grants.test.ts)", () => {
    for (const [id, statements] of grants) {
      const actions = granted(statements, "dynamodb:");
      expect(actions, id).not.toContain("dynamodb:DeleteTable");
      expect(actions, id).not.toContain("dynamodb:DescribeTable");
      for (const s of statements.filter((st) => JSON.stringify(st.Resource).includes("/index/")))
        expect(actionsOf(s), id).toEqual(["dynamodb:Query"]);
    }
  });

  it("the social worker reaches only edition and social items, on the table alone, and never scans", () => {
    const statements = fnNamed(grants, "SocialWorker").filter((s) => granted([s], "dynamodb:").length > 0);
    expect(statements).toHaveLength(1);
    const [s] = statements as [Statement & { Condition: Props }];
    expect(granted([s], "dynamodb:")).not.toContain("dynamodb:Scan");
    expect(granted([s], "dynamodb:")).not.toContain("dynamodb:BatchWriteItem");
    expect(JSON.stringify(s.Resource)).not.toContain("/index/");
    expect(s.Condition).toEqual({
      "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["ED#*", "SOCIAL#*", "WORK*", "ENGAGE#*"] },
    });
  });

  it("the social worker may send to its own queue and nothing else; no SES", () => {
    const sends = fnNamed(grants, "SocialWorker").filter((s) => actionsOf(s).includes("sqs:SendMessage"));
    expect(sends.map((s) => JSON.stringify(s.Resource))).toEqual([
      expect.stringContaining("SocialPostQueue"),
    ]);
    expect(granted(fnNamed(grants, "SocialWorker"), "ses:")).toEqual([]);
  });
});

describe("secrets are referenced, never inlined", () => {
  let template: Template;
  let stack: HeraldStack;
  beforeAll(() => {
    ({ template, stack } = synthHerald());
  });

  it("the social secret is readable by the social worker alone, and named only in its environment", () => {
    const socialId = logicalId(template, "AWS::SecretsManager::Secret", "SocialSecret");
    const grants = grantsByFunction(template);
    const readers = [...grants.entries()]
      .filter(([, statements]) =>
        statements.some(
          (s) =>
            actionsOf(s).includes("secretsmanager:GetSecretValue") &&
            JSON.stringify(s.Resource).includes(socialId),
        ),
      )
      .map(([id]) => id);
    expect(readers).toHaveLength(1);
    expect(readers[0]).toMatch(/^SocialWorker[0-9A-F]{8}$/);
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      const arn = (fn.Properties as Props).Environment.Variables.HERALD_SOCIAL_SECRET_ARN;
      expect(arn, id).toEqual(id === readers[0] ? { Ref: socialId } : undefined);
    }
    // No credential in the template: an empty object and the token-sealing key Secrets Manager generates.
    const secret = (template.toJSON().Resources as Record<string, Props>)[socialId];
    expect(secret?.Properties.SecretString).toBeUndefined();
    expect(secret?.Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: "{}",
      GenerateStringKey: "HERALD_SOCIAL_TOKEN_KEY",
    });
  });

  // The app secrets' skeletons, split and retention: secrets.test.ts.

  it("no environment variable holds anything that looks like a secret", () => {
    const looksSecret = /^[A-Za-z0-9+/_=-]{24,}$/;
    const secretName = /SECRET|KEY|TOKEN|PASSWORD/i;
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      for (const [name, value] of Object.entries((fn.Properties as Props).Environment.Variables)) {
        if (typeof value !== "string") continue; // a Ref or GetAtt names a resource, it holds no value
        expect(looksSecret.test(value), `${id} ${name}=${value}`).toBe(false);
        expect(secretName.test(name) && !name.endsWith("_SECRET_ARN"), `${id} ${name}`).toBe(false);
      }
    }
  });

  it("every function gets the whole runtime contract", () => {
    // The names come from the functions' own schema of their environment: renaming one there moves
    // the stack (it fails to compile) and this test with it.
    const contract = [...EVERY_FUNCTION_VARIABLES, "NODE_OPTIONS"];
    expect(stack.runtimeEnv.names()).toEqual(expect.arrayContaining([...EVERY_FUNCTION_VARIABLES]));
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      if (isConsoleFunction(id)) continue;
      const vars = (fn.Properties as Props).Environment.Variables;
      for (const name of contract) expect(vars[name], `${id} ${name}`).toBeDefined();
      expect(vars.NODE_OPTIONS).toBe("--enable-source-maps");
      expect(Number(vars.HERALD_CHUNK_LEASE_SECONDS)).toBeLessThanOrEqual(6 * 60);
    }
  });
});
