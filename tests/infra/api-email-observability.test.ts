import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { CONFIGURATION_SET_DIMENSION, FEEDBACK_EVENTS } from "../../infra/constructs/email.js";
import { FEEDBACK_BATCH_SIZE } from "../../infra/constructs/feedback.js";
import { BOUNCE_RATE_ALARM, COMPLAINT_RATE_ALARM } from "../../infra/constructs/observability.js";
import { FUNCTION_SPECS } from "../../infra/function-specs.js";
import { isConsoleFunction, type Props, resourcesOf, synthHerald } from "./helpers.js";

/** One configured deployment for every describe in this file (a single synth). */
const CONFIGURED = {
  apiRateLimit: "20",
  apiBurstLimit: "40",
  domain: "news.example.org",
  alarmEmail: "ops@example.org",
  // With a feed configured, every function of FUNCTION_SPECS is in the stack.
  feeds: '["https://news.example.org/feed"]',
  // The API as it stands without CloudFront in front (the edge has its own file, edge.test.ts).
  edge: "false",
};

describe("API: an HTTP API with stage throttling in front of the api function", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald(CONFIGURED).template;
  });

  it("has one $default stage, throttled as configured, with access logs", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it("routes everything to the api function ($default and the routes with budgets of their own) but the console's and the tracking function's routes; the app does routing and authorization", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: "$default" });
    // One integration for every API route: the routes only split the throttling budgets (edge.test.ts);
    // the console's routes have their own (tests/infra/console.test.ts), and so do tracking's (tracking.test.ts).
    const uris = resourcesOf(template, "AWS::ApiGatewayV2::Integration").map(([, i]) =>
      JSON.stringify((i as Props).Properties.IntegrationUri),
    );
    expect(uris).toHaveLength(3);
    expect(uris.filter((u) => u.includes("ApiFunction"))).toHaveLength(1);
    expect(uris.filter((u) => u.includes("ConsoleFunction"))).toHaveLength(1);
    expect(uris.filter((u) => u.includes("TrackingFunction"))).toHaveLength(1);
    template.resourceCountIs("AWS::ApiGatewayV2::DomainName", 0);
  });

  it("uses its own endpoint as the public URL and outputs the webhook URL for the CMS", () => {
    const outputs = template.toJSON().Outputs as Props;
    expect(JSON.stringify(outputs.WebhookUrl.Value)).toContain("/v1/webhooks/articles");
    const [[, fn]] = resourcesOf(template, "AWS::Lambda::Function").filter(([id]) =>
      id.startsWith("ApiFunction"),
    ) as [[string, Props]];
    expect(fn.Properties.Environment.Variables.HERALD_PUBLIC_URL).toEqual({
      "Fn::GetAtt": [expect.stringContaining("HttpApi"), "ApiEndpoint"],
    });
  });
});

describe("API: optional custom domain through context", () => {
  it("maps the domain, makes it the public URL and outputs the DNS target", () => {
    const { template } = synthHerald({
      edge: "false",
      apiDomainName: "news-api.example.org",
      apiCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::DomainName", { DomainName: "news-api.example.org" });
    template.resourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
    const outputs = template.toJSON().Outputs as Props;
    expect(outputs.ApiDomainTarget).toBeDefined();
    for (const [id, fn] of resourcesOf(template, "AWS::Lambda::Function")) {
      if (isConsoleFunction(id)) continue;
      expect((fn.Properties as Props).Environment.Variables.HERALD_PUBLIC_URL, id).toBe(
        "https://news-api.example.org",
      );
    }
  });
});

describe("functions", () => {
  it("run Node 22 on arm64, ESM handlers, with their own log groups", () => {
    const { template } = synthHerald(CONFIGURED);
    const functions = resourcesOf(template, "AWS::Lambda::Function");
    expect(functions).toHaveLength(Object.keys(FUNCTION_SPECS).length);
    for (const [id, fn] of functions) {
      const p = fn.Properties as Props;
      expect(p.Runtime, id).toBe("nodejs22.x");
      expect(p.Architectures, id).toEqual(["arm64"]);
      expect(p.Handler, id).toBe("index.handler");
      expect(p.LoggingConfig.LogGroup, id).toBeDefined();
      expect(p.LoggingConfig.LogFormat, id).toBe("JSON");
    }
    for (const [, group] of resourcesOf(template, "AWS::Logs::LogGroup")) {
      expect((group.Properties as Props).RetentionInDays).toBe(30);
    }
  });
});

describe("SES: identity, configuration set, events, DNS outputs", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald(CONFIGURED).template;
  });

  it("verifies the sending domain with Easy DKIM and sends through the configuration set by default", () => {
    template.hasResourceProperties("AWS::SES::EmailIdentity", {
      EmailIdentity: "news.example.org",
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it("suppresses bounced and complained addresses and publishes reputation metrics", () => {
    template.hasResourceProperties("AWS::SES::ConfigurationSet", {
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });

  const eventDestinations = () =>
    resourcesOf(template, "AWS::SES::ConfigurationSetEventDestination").map(
      ([, d]) => (d.Properties as Props).EventDestination,
    );

  it("publishes every event the feedback flow needs, rendering failures included, to the default event bus", () => {
    const toBus = eventDestinations().find((d) => d.EventBridgeDestination);
    expect([...toBus.MatchingEventTypes].sort()).toEqual(
      ["renderingFailure", "bounce", "complaint", "delivery", "reject", "deliveryDelay"].sort(),
    );
    expect(FEEDBACK_EVENTS).toHaveLength(6);
    expect(JSON.stringify(toBus.EventBridgeDestination.EventBusArn)).toContain("event-bus/default");
    expect(eventDestinations().some((d) => d.SnsDestination)).toBe(false);
  });

  it("never asks SES for opens or clicks: an event destination that does turns on SES's own tracking (awstrack.me links, a second pixel), even with HERALD_TRACKING=off", () => {
    const destinations = eventDestinations();
    expect(destinations.length).toBeGreaterThanOrEqual(2);
    for (const d of destinations) {
      const types = (d.MatchingEventTypes as string[]).map((t) => t.toLowerCase());
      expect(types).not.toContain("open");
      expect(types).not.toContain("click");
    }
    // Nor does anything else turn it on: no tracking options on the configuration set.
    for (const [, set] of resourcesOf(template, "AWS::SES::ConfigurationSet")) {
      expect((set.Properties as Props).TrackingOptions).toBeUndefined();
    }
  });

  it("publishes CloudWatch event metrics for the whole configuration set, never per edition (each edition would be new billed metrics)", () => {
    const toCloudWatch = eventDestinations().find((d) => d.CloudWatchDestination);
    const [setId] = Object.keys(template.findResources("AWS::SES::ConfigurationSet"));
    expect(toCloudWatch.CloudWatchDestination.DimensionConfigurations).toEqual([
      {
        DimensionName: CONFIGURATION_SET_DIMENSION,
        DimensionValueSource: "messageTag",
        DefaultDimensionValue: { Ref: setId },
      },
    ]);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"DimensionName":"edition"/);
  });

  it("outputs the three DKIM CNAMEs the operator must create", () => {
    const outputs = template.toJSON().Outputs as Props;
    for (const n of [1, 2, 3]) {
      expect(JSON.stringify(outputs[`DkimRecord${n}`].Value)).toContain(`DkimDNSTokenName${n}`);
      expect(JSON.stringify(outputs[`DkimRecord${n}`].Value)).toContain(`DkimDNSTokenValue${n}`);
    }
    expect(outputs.DmarcRecord.Value).toContain("_dmarc.news.example.org");
  });
});

describe("SES feedback: a rule on the default bus queues the configuration set's events for the feedback function", () => {
  let template: Template;
  beforeAll(() => {
    template = synthHerald(CONFIGURED).template;
  });
  const feedbackFunction = () => {
    const found = resourcesOf(template, "AWS::Lambda::Function").filter(([id]) =>
      id.startsWith("FeedbackSesFeedback"),
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, Props];
  };
  const eventsQueue = () => {
    const found = resourcesOf(template, "AWS::SQS::Queue").filter(
      ([id]) => id.startsWith("FeedbackEvents") && !id.includes("Dlq"),
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, Props];
  };

  it("matches this configuration set's SES events on the default bus and sends them to the queue", () => {
    const [queueId] = eventsQueue();
    const [setId] = Object.keys(template.findResources("AWS::SES::ConfigurationSet"));
    const rules = resourcesOf(template, "AWS::Events::Rule").filter(([id]) => id.startsWith("Feedback"));
    expect(rules).toHaveLength(1);
    const rule = (rules[0] as [string, Props])[1].Properties;
    expect(rule.EventBusName ?? "default").toBe("default");
    expect(rule.EventPattern).toEqual({
      source: ["aws.ses"],
      detail: { mail: { tags: { [CONFIGURATION_SET_DIMENSION]: [{ Ref: setId }] } } },
    });
    expect(rule.Targets).toEqual([expect.objectContaining({ Arn: { "Fn::GetAtt": [queueId, "Arn"] } })]);
    // Only EventBridge, for this rule, may send to the queue.
    const policies = resourcesOf(template, "AWS::SQS::QueuePolicy")
      .map(([, p]) => (p as Props).Properties)
      .filter((p) => JSON.stringify(p.Queues).includes(queueId));
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement);
    const sends = statements.filter((st: Props) => JSON.stringify(st.Action).includes("sqs:SendMessage"));
    expect(sends).toHaveLength(1);
    expect(sends[0].Principal).toEqual({ Service: "events.amazonaws.com" });
    expect(JSON.stringify(sends[0].Condition)).toContain("aws:SourceArn");
  });

  it("feeds the function in batches of 100 gathered for up to 5 s, reporting failures per event", () => {
    const [fnId] = feedbackFunction();
    const [queueId] = eventsQueue();
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: fnId },
      EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
      BatchSize: FEEDBACK_BATCH_SIZE,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(FEEDBACK_BATCH_SIZE).toBe(100);
  });

  it("keeps an event that keeps failing in an alarmed dead-letter queue", () => {
    const [, queue] = eventsQueue();
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0];
    expect(dlqId).toContain("FeedbackEventsDlq");
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
    const alarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties as Props);
    const dlqAlarm = alarms.find((a) => JSON.stringify(a.Dimensions ?? []).includes(dlqId));
    expect(dlqAlarm?.Threshold).toBe(1);
    // No asynchronous invocation path is left: nothing invokes it but the queue.
    template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 0);
  });

  it("is sized by its spec and gets the runtime contract", () => {
    const [, fn] = feedbackFunction();
    expect(fn.Properties.Timeout).toBe(FUNCTION_SPECS.sesFeedback.timeout.toSeconds());
    expect(fn.Properties.MemorySize).toBe(FUNCTION_SPECS.sesFeedback.memorySize);
    expect(fn.Properties.Environment.Variables.HERALD_TABLE_NAME).toBeDefined();
  });
});

describe("observability: alarms into an SNS topic, and a send dashboard", () => {
  let template: Template;
  let alarms: Props[];
  beforeAll(() => {
    template = synthHerald(CONFIGURED).template;
    alarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties as Props);
  });
  const alarmOn = (metric: string, dimensionHint?: string) =>
    alarms.filter(
      (a) =>
        a.MetricName === metric && (!dimensionHint || JSON.stringify(a.Dimensions).includes(dimensionHint)),
    );

  it("alarms on each DLQ's depth at the first message", () => {
    const dlqs = resourcesOf(template, "AWS::SQS::Queue").filter(([id]) => id.includes("Dlq"));
    // edition, send, social, engagement events, SES events, feed-poll, briefing, recovery and social
    // engagement schedules, scheduled sends
    expect(dlqs).toHaveLength(10);
    for (const [id] of dlqs) {
      const [alarm] = alarmOn("ApproximateNumberOfMessagesVisible", id);
      expect(alarm, id).toBeDefined();
      expect(alarm?.Threshold).toBe(1);
      expect(alarm?.ComparisonOperator).toBe("GreaterThanOrEqualToThreshold");
    }
  });

  it("alarms on errors and throttles of every function", () => {
    for (const [id] of resourcesOf(template, "AWS::Lambda::Function")) {
      expect(alarmOn("Errors", id), id).toHaveLength(1);
      expect(alarmOn("Throttles", id), id).toHaveLength(1);
      expect(alarmOn("Errors", id)[0]?.Threshold).toBe(1);
    }
  });

  it("alarms on SES reputation before SES acts: bounce < 5 %, complaint < 0.1 %", () => {
    const [bounce] = alarmOn("Reputation.BounceRate");
    const [complaint] = alarmOn("Reputation.ComplaintRate");
    expect(bounce?.Namespace).toBe("AWS/SES");
    expect(bounce?.Threshold).toBe(BOUNCE_RATE_ALARM);
    expect(bounce?.Threshold).toBeLessThan(0.05);
    expect(complaint?.Threshold).toBe(COMPLAINT_RATE_ALARM);
    expect(complaint?.Threshold).toBeLessThan(0.001);
  });

  it("alarms on the first SES rendering failure (accepted by SES, then dropped), from the configuration set's metric", () => {
    const [rendering, ...more] = alarmOn("RenderingFailure");
    expect(more).toHaveLength(0);
    expect(rendering?.Namespace).toBe("AWS/SES");
    expect(rendering?.Threshold).toBe(1);
    expect(rendering?.Statistic).toBe("Sum");
    const [setId] = Object.keys(template.findResources("AWS::SES::ConfigurationSet"));
    expect(rendering?.Dimensions).toEqual([{ Name: CONFIGURATION_SET_DIMENSION, Value: { Ref: setId } }]);
  });

  it("sends every alarm to the encrypted alarm topic, which mails the configured address", () => {
    const topics = resourcesOf(template, "AWS::SNS::Topic").filter(([id]) => id.includes("AlarmTopic"));
    expect(topics).toHaveLength(1);
    const [[topicId, topic]] = topics as [[string, Props]];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    expect(alarms.length).toBeGreaterThanOrEqual(12);
    for (const a of alarms) expect(a.AlarmActions, a.AlarmDescription).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.org",
      TopicArn: { Ref: topicId },
    });
  });

  it("has a dashboard of the configuration set's SES events, with no per-edition metric to read", () => {
    const [[, dashboard]] = resourcesOf(template, "AWS::CloudWatch::Dashboard") as [[string, Props]];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    expect(body).toContain("RenderingFailure");
    expect(body).toContain(CONFIGURATION_SET_DIMENSION);
    expect(body).not.toContain('\\"edition\\"');
    expect(body).not.toContain('\\"variables\\"');
  });
});
