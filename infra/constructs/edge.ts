import { Aws, CfnRule, Duration, Fn, Stack, Token, Validations } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { CLIENT_IP_HEADER, EDGE_ORIGIN_HEADER } from "../../functions/domain/edge-headers.js";
import { clientIpFunctionCode, rateRule, writesExceptWebhooks } from "./edge-rules.js";

export interface HeraldEdgeProps {
  /** The HTTP API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com`. */
  apiEndpoint: string;
  clientRateLimit: number;
  clientWriteRateLimit: number;
  customDomain?: { name: string; certificateArn: string };
}

/**
 * CloudFront in front of the HTTP API, with an AWS WAF web ACL: per-client rate limits (the API's
 * own throttles are per route, not per caller), AWS's IP reputation list, and caching of the card
 * and the web version. A web ACL for CloudFront must be created in us-east-1, so the stack must be
 * deployed there when the edge is on (`-c edge=false` deploys anywhere, without it): synth refuses a
 * known other region and CloudFormation's rule refuses one at deploy time.
 *
 * CloudFront connects to API Gateway from its own addresses, so a CloudFront Function hands the
 * viewer's address to the app in a header, and the origin request carries a value only this stack
 * knows (derived from its stack id) by which the app knows the header came from here.
 */
export class HeraldEdge extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly webAcl: CfnWebACL;
  /** Sent by CloudFront with every origin request; the API trusts the client IP header only with it. */
  readonly originSecret: string;

  constructor(scope: Construct, id: string, props: HeraldEdgeProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== "us-east-1") {
      throw new Error(
        `the edge (CloudFront + WAF) needs the stack in us-east-1, not ${region}: deploy there or set -c edge=false`,
      );
    }
    new CfnRule(this, "EdgeNeedsUsEast1", {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, "us-east-1"),
          assertDescription:
            "Herald's edge (CloudFront + AWS WAF) needs the stack in us-east-1; deploy there or set -c edge=false",
        },
      ],
    });

    this.webAcl = new CfnWebACL(this, "WebAcl", {
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: "HeraldEdge",
        sampledRequestsEnabled: true,
      },
      rules: [
        {
          name: "IpReputation",
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesAmazonIpReputationList" },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: "IpReputation",
            sampledRequestsEnabled: true,
          },
        },
        rateRule("ClientRate", 1, props.clientRateLimit),
        rateRule("ClientWriteRate", 2, props.clientWriteRateLimit, writesExceptWebhooks()),
      ],
    });

    // Unknowable from outside the account, stable across updates: the stack id's UUID.
    this.originSecret = Fn.select(2, Fn.split("/", Aws.STACK_ID));
    const clientIp = new cloudfront.Function(this, "ClientIp", {
      code: cloudfront.FunctionCode.fromInline(clientIpFunctionCode(CLIENT_IP_HEADER)),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "Hands the viewer's address to Herald, replacing any header of that name the client sent",
    });
    const origin = new HttpOrigin(Fn.select(2, Fn.split("/", props.apiEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [EDGE_ORIGIN_HEADER]: this.originSecret },
    });
    const viewerRequest = [{ function: clientIp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }];
    // The card (immutable per hash) and the web versions (edition, briefing) say how long they keep (Cache-Control);
    // CloudFront follows, for a day at most. Nothing else is cached: every other answer is personal.
    const cached: cloudfront.BehaviorOptions = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: new cloudfront.CachePolicy(this, "PageCache", {
        comment: "Herald card and web version: the origin's Cache-Control, a day at most",
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.minutes(5),
        maxTtl: Duration.days(1),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      }),
      functionAssociations: viewerRequest,
    };
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "Herald: the API behind AWS WAF; card and web version cached",
      webAclId: this.webAcl.attrArn,
      ...(props.customDomain
        ? {
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: [props.customDomain.name],
            certificate: Certificate.fromCertificateArn(
              this,
              "Certificate",
              props.customDomain.certificateArn,
            ),
          }
        : {}),
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: viewerRequest,
      },
      additionalBehaviors: {
        "/v1/editions/*/card.png": cached,
        "/v1/editions/*/web": cached,
        "/v1/briefings/*/web/*": cached,
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR3",
      reason:
        "Every request CloudFront forwards is in the HTTP API's access log, and AWS WAF samples the ones it blocks; " +
        "CloudFront's own logs would need an ACL-enabled S3 bucket for a second copy of client IPs.",
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "A newsletter's readers and pages are worldwide: there is no country to restrict.",
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR4",
      reason:
        "TLS 1.2 (TLSv1.2_2021) is required where a custom certificate is set; on CloudFront's default certificate " +
        "the policy cannot be set, and the origin connection is HTTPS only.",
    });
  }
}
