import { CfnOutput, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  DomainName,
  HttpApi,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { HeraldConfig } from "../config.js";
import type { RuntimeEnvironment } from "./runtime-environment.js";

/**
 * The public HTTP entry: an API Gateway HTTP API whose `$default` route sends every request to the
 * Hono app. An HTTP API rather than a Function URL because its stage throttles (a flood of subscribe
 * requests or a misbehaving CMS is refused at the edge with 429, before it costs Lambda concurrency
 * and DynamoDB writes), it writes access logs, and it takes a custom domain without CloudFront.
 * Routing and authorization stay in the app, so the local server and Lambda behave alike.
 */
export class HeraldApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The base of every link Herald puts in an email or page. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: { config: HeraldConfig; env: RuntimeEnvironment }) {
    super(scope, id);
    const { config } = props;
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Herald: publish webhook, subscriber pages, admin API",
      createDefaultStage: false,
    });
    // Access logs hold client IPs: personal data, kept a month like the function logs.
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const domain = config.customDomain
      ? new DomainName(this, "DomainName", {
          domainName: config.customDomain.name,
          certificate: Certificate.fromCertificateArn(
            this,
            "Certificate",
            config.customDomain.certificateArn,
          ),
        })
      : undefined;
    this.stage = this.httpApi.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });
    this.publicUrl =
      config.publicUrl ??
      (config.customDomain ? `https://${config.customDomain.name}` : this.httpApi.apiEndpoint);
    props.env.set("HERALD_PUBLIC_URL", this.publicUrl);

    new CfnOutput(scope, "PublicUrl", { value: this.publicUrl, description: "Base URL of every link" });
    new CfnOutput(scope, "WebhookUrl", {
      value: `${this.publicUrl}/v1/webhooks/articles`,
      description: "Give this to the CMS, with a webhook secret from the app secret",
    });
    if (domain) {
      new CfnOutput(scope, "ApiDomainTarget", {
        value: domain.regionalDomainName,
        description: `DNS: ${config.customDomain?.name} CNAME (or alias) to this name`,
      });
    }
  }

  /** Sends every request (`$default` route) to `fn`. */
  serve(fn: lambda.IFunction): void {
    const route = new HttpRoute(this, "DefaultRoute", {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration("App", fn),
    });
    Validations.of(route).acknowledge({
      id: "AwsSolutions-APIG4",
      reason:
        "Authorization is per route inside the app and must stay there to behave the same locally: the " +
        "webhook verifies an HMAC signature over the raw body, admin routes a bearer key, subscriber " +
        "links an HMAC-signed token; subscribe and share are public by design and throttled.",
    });
  }
}
