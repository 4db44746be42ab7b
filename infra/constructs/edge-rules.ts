import type { CfnWebACL } from "aws-cdk-lib/aws-wafv2";

/**
 * A rate-based AWS WAF rule: a client IP that makes more than `limit` requests (of those `scope`
 * matches) within 5 minutes is answered 403 until its rate drops. This is the per-client limit the
 * HTTP API cannot express: its throttles are per route, shared by every caller.
 *
 * @example
 * rateRule("ClientRate", 1, 1000) // any IP: 1,000 requests per 5 minutes
 */
export function rateRule(
  name: string,
  priority: number,
  limit: number,
  scope?: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec: 300,
        aggregateKeyType: "IP",
        ...(scope ? { scopeDownStatement: scope } : {}),
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
  };
}

const method = (name: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: "EXACTLY",
    searchString: name,
    textTransformations: [{ priority: 0, type: "NONE" }],
  },
});

/**
 * Writes a reader can make (subscribe, preferences, share by email, unsubscribe, erasure): POST,
 * PUT and DELETE, except the CMS's webhooks, which come from one address in bursts when a desk
 * publishes and have a route budget of their own.
 */
export function writesExceptWebhooks(): CfnWebACL.StatementProperty {
  return {
    andStatement: {
      statements: [
        { orStatement: { statements: [method("POST"), method("PUT"), method("DELETE")] } },
        {
          notStatement: {
            statement: {
              byteMatchStatement: {
                fieldToMatch: { uriPath: {} },
                positionalConstraint: "STARTS_WITH",
                searchString: "/v1/webhooks/",
                textTransformations: [{ priority: 0, type: "NONE" }],
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * The CloudFront Function (viewer request) that writes the viewer's address into `header`, replacing
 * whatever the client sent under that name.
 */
export function clientIpFunctionCode(header: string): string {
  return [
    "function handler(event) {",
    `  event.request.headers[${JSON.stringify(header)}] = { value: event.viewer.ip };`,
    "  return event.request;",
    "}",
  ].join("\n");
}
