import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTION_ACCESS } from "../../infra/function-access.js";
import { synthHerald } from "./helpers.js";
import { roleGrants } from "./role-grants.js";

const SES = (action: string) => [
  `ses:${action} arn:\${Partition}:ses:\${Region}:\${AccountId}:configuration-set/EmailConfigurationSet`,
  `ses:${action} arn:\${Partition}:ses:\${Region}:\${AccountId}:identity/EmailIdentity`,
];
const table = (...actions: string[]) => actions.map((a) => `dynamodb:${a} DataTable.Arn`);
const marksTable = (...actions: string[]) => actions.map((a) => `dynamodb:${a} DataMarksTable.Arn`);
const logs = (fn: string) => [`logs:CreateLogStream ${fn}Logs.Arn`, `logs:PutLogEvents ${fn}Logs.Arn`];
/** CDK's grantSendMessages: SendMessage plus the two metadata reads its client may make. */
const sendTo = (queue: string) =>
  ["GetQueueAttributes", "GetQueueUrl", "SendMessage"].map((a) => `sqs:${a} ${queue}.Arn`);
/** An SQS event source: receive, delete, extend visibility (and the same metadata reads). */
const consume = (queue: string) =>
  ["ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl", "ReceiveMessage"].map(
    (a) => `sqs:${a} ${queue}.Arn`,
  );
const SOCIAL_KEYS =
  '{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["ED#*","SOCIAL#*","WORK*","ENGAGE#*"]}}';
/** An edition's schedule: made, moved and deleted by whoever approves, gates or supersedes it. */
const SCHEDULES = [
  'iam:PassRole EditionReleasesRole.Arn if {"StringEquals":{"iam:PassedToService":"scheduler.amazonaws.com"}}',
  ...["CreateSchedule", "DeleteSchedule", "UpdateSchedule"].map(
    (a) =>
      `scheduler:${a} arn:\${Partition}:scheduler:\${Region}:\${AccountId}:schedule/Herald-edition-releases/*`,
  ),
];
const RECOVERY_KEYS = '{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["WORK*","ED#*"]}}';

/**
 * Every grant of every function's role, exactly: a grant added anywhere fails here until it is
 * listed (and so reviewed). What each line is for is in infra/function-access.ts and the constructs.
 */
const EXPECTED: Record<string, string[]> = {
  ApiFunction: [
    ...table("BatchGetItem", "ConditionCheckItem", "DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem"),
    "dynamodb:Query DataTable.Arn/index/gsi1",
    ...marksTable("DeleteItem", "Query"),
    ...logs("ApiFunction"),
    ...SCHEDULES,
    "secretsmanager:GetSecretValue SecretsApiSecret",
    "secretsmanager:GetSecretValue SecretsTokenKeys",
    ...SES("SendBulkEmail"),
    ...SES("SendEmail"),
    ...sendTo("SendingEditionQueue"),
    ...sendTo("SendingSendQueue"),
  ],
  SendingRenderPlan: [
    ...table("BatchGetItem", "ConditionCheckItem", "DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem"),
    ...logs("SendingRenderPlan"),
    ...SCHEDULES,
    "secretsmanager:GetSecretValue SecretsTokenKeys",
    ...SES("SendEmail"),
    ...consume("SendingEditionQueue"),
    ...sendTo("SendingSendQueue"),
    ...sendTo("SocialPostQueue"),
  ],
  SendingSend: [
    ...table("BatchGetItem", "DeleteItem", "GetItem", "UpdateItem"),
    ...logs("SendingSend"),
    "secretsmanager:GetSecretValue SecretsTokenKeys",
    ...SES("SendBulkEmail"),
    ...consume("SendingSendQueue"),
    "sqs:SendMessage SendingSendQueue.Arn",
  ],
  FeedbackSesFeedback: [
    ...table("BatchGetItem", "ConditionCheckItem", "DeleteItem", "GetItem", "PutItem", "UpdateItem"),
    ...logs("FeedbackSesFeedback"),
    ...consume("FeedbackEventsQueue"),
  ],
  SocialWorker: [
    ...table("BatchGetItem", "DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem").map(
      (line) => `${line} if ${SOCIAL_KEYS}`,
    ),
    ...logs("SocialWorker"),
    "secretsmanager:DescribeSecret SocialSocialSecret",
    "secretsmanager:GetSecretValue SocialSocialSecret",
    ...consume("SocialPostQueue"),
    "sqs:SendMessage SocialPostQueue.Arn",
  ],
  PollFeeds: [
    ...table("BatchGetItem", "BatchWriteItem", "GetItem", "PutItem", "UpdateItem"),
    ...logs("PollFeeds"),
    ...SCHEDULES,
    ...sendTo("SendingEditionQueue"),
  ],
  RecoveryRecover: [
    ...table("BatchGetItem", "DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem").map(
      (line) => `${line} if ${RECOVERY_KEYS}`,
    ),
    ...logs("RecoveryRecover"),
    ...sendTo("SendingEditionQueue"),
    ...sendTo("SendingSendQueue"),
    ...sendTo("SocialPostQueue"),
  ],
  // The console's function serves static files: its role writes its own logs and nothing else.
  ConsoleFunction: [...logs("ConsoleFunction")],
  // Tracked links, stats and the export: the email's render, counters and roll-ups, the one Scan,
  // the admin keys; each hit goes to the engagement queue.
  TrackingFunction: [
    ...table("BatchGetItem", "GetItem", "PutItem", "Query", "Scan"),
    ...logs("TrackingFunction"),
    "secretsmanager:GetSecretValue SecretsApiSecret",
    "secretsmanager:GetSecretValue SecretsTokenKeys",
    ...sendTo("TrackingEngagementQueue"),
  ],
  // The recorder: marks in their table (BatchGet, conditional Puts), counters (Update); no secret.
  TrackingRecorder: [
    ...table("UpdateItem"),
    ...marksTable("BatchGetItem", "PutItem"),
    ...logs("TrackingRecorder"),
    ...consume("TrackingEngagementQueue"),
  ],
  Briefing: [
    ...table("BatchGetItem", "PutItem", "Query"),
    "dynamodb:Query DataTable.Arn/index/gsi1",
    ...logs("Briefing"),
    ...sendTo("SendingEditionQueue"),
  ],
};

describe("each function's role holds exactly the grants it uses", () => {
  let grants: Record<string, string[]>;
  beforeAll(() => {
    grants = roleGrants(synthHerald({ feeds: '[{"url":"https://example.com/feed.xml"}]' }).template);
  });

  /** The functions holding a grant line that matches `line`. */
  const holders = (line: RegExp) =>
    Object.entries(grants)
      .filter(([, lines]) => lines.some((l) => line.test(l)))
      .map(([fn]) => fn)
      .sort();

  it.each(Object.keys(EXPECTED))("%s", (fn) => {
    expect(grants[fn]).toEqual([...new Set(EXPECTED[fn])].sort());
  });

  it("no function is left unlisted", () => {
    expect(Object.keys(grants).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("only the stats function scans, only the feed poller batch-writes, only the API and tracking read admin keys, and the feedback and social workers read no app secret", () => {
    expect(holders(/^dynamodb:Scan /)).toEqual(["TrackingFunction"]);
    expect(holders(/^dynamodb:BatchWriteItem /)).toEqual(["PollFeeds"]);
    expect(holders(/SecretsApiSecret/)).toEqual(["ApiFunction", "TrackingFunction"]);
    expect(holders(/SecretsTokenKeys/)).toEqual([
      "ApiFunction",
      "SendingRenderPlan",
      "SendingSend",
      "TrackingFunction",
    ]);
    expect(FUNCTION_ACCESS.sesFeedback.secrets).toEqual([]);
  });

  it("only the recorder writes marks, and only the API (erasure) deletes them", () => {
    expect(holders(/^dynamodb:\w+ DataMarksTable/)).toEqual(["ApiFunction", "TrackingRecorder"]);
    expect(holders(/^dynamodb:PutItem DataMarksTable/)).toEqual(["TrackingRecorder"]);
    expect(holders(/^dynamodb:DeleteItem DataMarksTable/)).toEqual(["ApiFunction"]);
  });
});
