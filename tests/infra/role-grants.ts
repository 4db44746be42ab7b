import type { Template } from "aws-cdk-lib/assertions";
import { type Props, resourcesOf } from "./helpers.js";

/** A logical id without CDK's 8-hex hash: `DataTable1A2B3C4D` → `DataTable`. */
const name = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, "");

/** A CloudFormation value as readable text: `{ Ref: X }` → `X`, `GetAtt` → `X.Arn`, joins joined. */
export function render(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as Props;
  if (v.Ref) return String(v.Ref).startsWith("AWS::") ? `\${${v.Ref.slice(5)}}` : name(v.Ref);
  if (v["Fn::GetAtt"]) return `${name(v["Fn::GetAtt"][0])}.${v["Fn::GetAtt"][1]}`;
  if (v["Fn::Join"]) return (v["Fn::Join"][1] as unknown[]).map(render).join(v["Fn::Join"][0]);
  return JSON.stringify(value);
}

/**
 * Every grant of each function's role as `action resource [condition]` lines, sorted, keyed by the
 * function's logical id without its hash: the exact list a review reads, so an added grant shows.
 */
export function roleGrants(template: Template): Record<string, string[]> {
  const policies = resourcesOf(template, "AWS::IAM::Policy").map(([, p]) => p.Properties as Props);
  const out: Record<string, string[]> = {};
  for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
    const roleId = (fn.Properties as Props).Role?.["Fn::GetAtt"]?.[0];
    if (!roleId) continue;
    const lines = policies
      .filter((p) => p.Roles.some((r: Props) => r.Ref === roleId))
      .flatMap((p) => p.PolicyDocument.Statement as Props[])
      .flatMap((s) => {
        const actions: string[] = [s.Action].flat();
        const resources: unknown[] = [s.Resource].flat();
        const condition = s.Condition ? ` if ${JSON.stringify(s.Condition)}` : "";
        return actions.flatMap((a) =>
          resources.map((r) => `${s.Effect === "Allow" ? "" : "DENY "}${a} ${render(r)}${condition}`),
        );
      });
    out[name(id)] = [...new Set(lines)].sort();
  }
  return out;
}
