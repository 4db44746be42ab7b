import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { synthHerald } from "./helpers.js";

const FEEDS = JSON.stringify([{ url: "https://news.example/feed", topicMap: { Politik: "politics" } }]);

const functionsNamed = (template: ReturnType<typeof synthHerald>["template"], hint: string) =>
  Object.entries(template.findResources("AWS::Lambda::Function")).filter(([id]) => id.includes(hint));

describe("the feed poller in the stack", () => {
  it("does not exist while no feed is configured", () => {
    const { template } = synthHerald();
    expect(functionsNamed(template, "PollFeeds")).toHaveLength(0);
    const schedules = Object.values(template.findResources("AWS::Scheduler::Schedule"));
    // The recovery pass and the engagement sweep run on their own rate schedules; no other may exist without feeds.
    const polls = schedules.filter(
      (s) =>
        String(s.Properties.ScheduleExpression).startsWith("rate(") &&
        !/Recover|SocialWorker/.test(JSON.stringify(s.Properties.Target.Arn)),
    );
    expect(polls).toEqual([]);
  });

  it("runs every N minutes on EventBridge Scheduler, with the feed settings, retries and an alarmed DLQ", () => {
    const { template } = synthHerald({
      feeds: FEEDS,
      topicMap: '{"Wirtschaft":"business"}',
      feedPollMinutes: "10",
    });
    const [[id, fn] = []] = functionsNamed(template, "PollFeeds");
    expect(id).toBeDefined();
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      HERALD_FEEDS: FEEDS,
      HERALD_TOPIC_MAP: '{"Wirtschaft":"business"}',
    });
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(10 minutes)",
      Target: {
        Arn: { "Fn::GetAtt": [id, "Arn"] },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("FeedPollDlq"), "Arn"] } },
      },
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Dimensions: Match.arrayWith([
        Match.objectLike({
          Name: "QueueName",
          Value: { "Fn::GetAtt": [Match.stringLikeRegexp("FeedPollDlq"), "QueueName"] },
        }),
      ]),
    });
  });

  it("may queue editions and nothing else on SQS, and sends no mail", () => {
    const { template } = synthHerald({ feeds: FEEDS });
    const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes("PollFeeds"),
    );
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.startsWith("ses:"))).toEqual([]);
    const sqs = statements.filter((s) => JSON.stringify(s.Action).includes("sqs:SendMessage"));
    expect(sqs).toHaveLength(1);
    expect(JSON.stringify(sqs[0]?.Resource)).toMatch(/EditionQueue/);
  });
});
