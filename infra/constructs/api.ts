import { CfnOutput, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  type CfnStage,
  DomainName,
  HttpApi,
  HttpMethod,
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
import { HeraldEdge } from "./edge.js";
import { RuntimeEnvironment } from "./runtime-environment.js";

type Throttle = { rateLimit: number; burstLimit: number };

/**
 * Routes with a throttle of their own (requests per second): each route of an HTTP API has its own
 * budget, so a flood of `/health` or card requests spends theirs and the stage's (`$default`, every
 * other path), never the CMS's webhooks' or the readers' one-click unsubscribes'. The app still routes
 * every request itself; these only split the budgets.
 */
export function routeBudgets(
  config: Pick<HeraldConfig, "routeThrottles">,
): Array<[string, HttpMethod, Throttle]> {
  const { webhooks, unsubscribe } = config.routeThrottles;
  const cached = { rateLimit: 20, burstLimit: 40 };
  return [
    ["/v1/webhooks/{proxy+}", HttpMethod.POST, webhooks],
    ["/v1/unsubscribe", HttpMethod.POST, unsubscribe],
    ["/v1/unsubscribe", HttpMethod.GET, unsubscribe],
    ["/health", HttpMethod.GET, { rateLimit: 2, burstLimit: 5 }],
    // Cached at CloudFront when the edge is on: what reaches API Gateway is misses and direct calls.
    ["/v1/editions/{id}/card.png", HttpMethod.GET, cached],
    ["/v1/editions/{id}/web", HttpMethod.GET, cached],
    ["/v1/briefings/{id}/web/{topics}", HttpMethod.GET, cached],
  ];
}

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
  readonly edge?: HeraldEdge;
  private readonly config: HeraldConfig;
  /** Throttles by route key, the stage's `RouteSettings`: `serve` and `budget` fill it. */
  private readonly routeSettings: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, props: { config: HeraldConfig; env: RuntimeEnvironment }) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Herald: publish webhook, subscriber pages, admin API",
      createDefaultStage: false,
    });
    // Access logs hold client IPs: personal data, kept a month like the function logs.
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // With the edge on, the custom domain is CloudFront's (its certificate in us-east-1, the stack's region).
    const domain =
      config.customDomain && !config.edge
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
    if (config.edge) {
      this.edge = new HeraldEdge(this, "Edge", {
        apiEndpoint: this.httpApi.apiEndpoint,
        ...config.edge,
        ...(config.customDomain ? { customDomain: config.customDomain } : {}),
      });
    }
    this.publicUrl =
      config.publicUrl ??
      (config.customDomain
        ? `https://${config.customDomain.name}`
        : this.edge
          ? `https://${this.edge.distribution.distributionDomainName}`
          : this.httpApi.apiEndpoint);
    props.env.set("HERALD_PUBLIC_URL", this.publicUrl);

    new CfnOutput(scope, "PublicUrl", { value: this.publicUrl, description: "Base URL of every link" });
    new CfnOutput(scope, "WebhookUrl", {
      value: `${this.publicUrl}/v1/webhooks/articles`,
      description: "Give this to the CMS, with a webhook secret from the app secret",
    });
    if (this.edge) {
      new CfnOutput(scope, "EdgeDomainTarget", {
        value: this.edge.distribution.distributionDomainName,
        description: `DNS: ${config.customDomain?.name ?? "your domain"} CNAME (or alias) to this CloudFront name`,
      });
    }
    if (domain) {
      new CfnOutput(scope, "ApiDomainTarget", {
        value: domain.regionalDomainName,
        description: `DNS: ${config.customDomain?.name} CNAME (or alias) to this name`,
      });
    }
  }

  /**
   * Sends every request to `fn`: the routes with a budget of their own, and `$default` for the rest.
   * With the edge on, `fn` learns the value CloudFront's origin requests carry.
   */
  serve(fn: lambda.Function): void {
    const integration = new HttpLambdaIntegration("App", fn);
    const routes = [
      new HttpRoute(this, "DefaultRoute", {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.DEFAULT,
        integration,
      }),
    ];
    // RouteSettings is a map CloudFormation takes as raw JSON: its keys are not renamed for us.
    const routeSettings = this.routeSettings;
    for (const [path, method, throttle] of routeBudgets(this.config)) {
      const key = HttpRouteKey.with(path, method);
      routes.push(
        new HttpRoute(this, `Route${method}${path.replace(/[^A-Za-z0-9]/g, "")}`, {
          httpApi: this.httpApi,
          routeKey: key,
          integration,
        }),
      );
      routeSettings[key.key] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
    }
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = routeSettings;
    for (const route of routes) {
      // A route setting names a route that must exist before the stage is updated.
      stage.node.addDependency(route);
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "Authorization is per route inside the app and must stay there to behave the same locally: the " +
          "webhook verifies an HMAC signature over the raw body, admin routes a bearer key, subscriber " +
          "links an HMAC-signed token; subscribe and share are public by design and throttled.",
      });
    }
    if (this.edge) RuntimeEnvironment.setOn(fn, "HERALD_EDGE_ORIGIN_SECRET", this.edge.originSecret);
  }

  /** Gives a route another function's construct made a throttle of its own (after `serve`). */
  budget(route: HttpRoute, key: HttpRouteKey, throttle: Throttle): void {
    this.routeSettings[key.key] = {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    };
    this.stage.node.addDependency(route);
  }
}
