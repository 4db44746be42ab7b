import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Stack, Validations } from "aws-cdk-lib";
import { Bucket } from "aws-cdk-lib/aws-s3";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { type Props, synthHerald, testApp } from "./helpers.js";

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
