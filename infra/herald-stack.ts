import { join } from "node:path";
import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { HeraldConfig } from "./config.js";
import { HeraldApi } from "./constructs/api.js";
import { HeraldConsole } from "./constructs/console.js";
import { HeraldData } from "./constructs/data.js";
import { EditionReleases } from "./constructs/edition-releases.js";
import { HeraldEmail } from "./constructs/email.js";
import { HeraldFeedback } from "./constructs/feedback.js";
import { HeraldFunction, PROJECT_ROOT } from "./constructs/herald-function.js";
import { NotificationKey } from "./constructs/notification-key.js";
import { HeraldObservability } from "./constructs/observability.js";
import { HeraldRecovery } from "./constructs/recovery.js";
import { RuntimeEnvironment } from "./constructs/runtime-environment.js";
import { HeraldSchedules } from "./constructs/schedules.js";
import { HeraldSecrets } from "./constructs/secrets.js";
import { HeraldSending } from "./constructs/sending.js";
import { HeraldSocial } from "./constructs/social.js";
import { HeraldTracking } from "./constructs/tracking.js";
import { FUNCTION_ACCESS } from "./function-access.js";
import { FUNCTION_SPECS } from "./function-specs.js";

export interface HeraldStackProps extends StackProps {
  config: HeraldConfig;
  /** Where the handler files live; tests point it at stubs. Default: functions/handlers. */
  handlersDir?: string;
}

/**
 * Everything Herald runs on, composed from one construct per concern. Each construct publishes the
 * runtime variables it owns into the shared environment; each function is granted exactly the
 * resources it touches, here where the wiring is visible in one place.
 */
export class HeraldStack extends Stack {
  readonly runtimeEnv: RuntimeEnvironment;
  readonly api: HeraldApi;
  readonly data: HeraldData;
  readonly email: HeraldEmail;
  readonly sending: HeraldSending;
  readonly feedback: HeraldFeedback;
  readonly social: HeraldSocial;
  readonly schedules: HeraldSchedules;
  readonly editionReleases: EditionReleases;
  readonly pollFeeds?: HeraldFunction;
  readonly briefing: HeraldFunction;
  readonly observability: HeraldObservability;
  readonly apiFunction: HeraldFunction;
  readonly recovery: HeraldRecovery;
  readonly console: HeraldConsole;
  readonly tracking: HeraldTracking;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { config } = props;
    const handlersDir = props.handlersDir ?? join(PROJECT_ROOT, "functions", "handlers");
    const env = new RuntimeEnvironment();
    this.runtimeEnv = env;
    env.set("POWERTOOLS_SERVICE_NAME", "herald");
    env.set("HERALD_TOPICS", config.topics.join(","));
    env.set("HERALD_AUDIENCE_SHARDS", String(config.audienceShards));
    env.set("HERALD_BRAND_NAME", config.brandName);
    env.set("HERALD_FROM_ADDRESS", config.fromAddress);
    env.set("HERALD_POSTAL_ADDRESS", config.postalAddress);
    env.set("HERALD_LIST_ID", config.listId);
    env.set("HERALD_PAUSE_MIN_SAMPLE", String(config.pauseMinSample));
    env.set("HERALD_SHARE_EMAILS_PER_DAY", String(config.shareEmailsPerDay));
    env.set("HERALD_CONFIRMATIONS_PER_HOUR", String(config.confirmationsPerHour));
    if (config.sources.feeds) env.set("HERALD_FEEDS", config.sources.feeds);
    if (config.sources.topicMap) env.set("HERALD_TOPIC_MAP", config.sources.topicMap);
    if (config.sources.defaultTopic) env.set("HERALD_DEFAULT_TOPIC", config.sources.defaultTopic);
    if (config.replyTo) env.set("HERALD_REPLY_TO", config.replyTo);
    env.set("HERALD_BRIEFING_HOUR", String(config.briefing.hour));
    env.set("HERALD_BRIEFING_TIME_ZONE", config.briefing.timeZone);
    env.set("HERALD_REVIEW", config.review);
    env.set("HERALD_TRACKING", config.tracking);

    const key = new NotificationKey(this, "NotificationKey");
    this.data = new HeraldData(this, "Data", { env });
    const secrets = new HeraldSecrets(this, "Secrets", { adopt: config.adoptSecrets });
    this.email = new HeraldEmail(this, "Email", { domain: config.domain, env });
    this.api = new HeraldApi(this, "Api", { config, env });
    this.sending = new HeraldSending(this, "Sending", {
      config,
      env,
      data: this.data,
      secrets,
      email: this.email,
      handlersDir,
    });

    // Scheduled sends: the render function schedules a webhook's `sendAt`; the API, an editor's.
    this.editionReleases = new EditionReleases(this, "EditionReleases", {
      env,
      editionQueue: this.sending.editionQueue,
    });
    this.editionReleases.grantManage(this.sending.renderPlan);

    this.social = new HeraldSocial(this, "Social", { env, data: this.data, handlersDir });
    this.social.grantEnqueue(this.sending.renderPlan);

    this.apiFunction = new HeraldFunction(this, "ApiFunction", { ...FUNCTION_SPECS.api, handlersDir });
    env.apply(this.apiFunction);
    this.data.grantData(this.apiFunction, FUNCTION_ACCESS.api);
    secrets.grant(this.apiFunction, FUNCTION_ACCESS.api.secrets);
    this.sending.editionQueue.grantSend(this.apiFunction);
    // Resuming a paused edition queues its unsent chunks again.
    this.sending.sendQueue.grantSend(this.apiFunction);
    // Editors' test sends go out with SendBulkEmail, a reader's "email a friend" with SendEmail.
    this.email.grantSend(this.apiFunction, ["ses:SendBulkEmail", "ses:SendEmail"]);
    // Approving with a `sendAt`, rescheduling, cancelling a scheduled edition.
    this.editionReleases.grantManage(this.apiFunction);
    this.api.serve(this.apiFunction);
    // The newsroom console: its own function on the API's domain (`/console`), no data access.
    this.console = new HeraldConsole(this, "Console", { api: this.api, handlersDir });
    // Tracked links, the open pixel and the stats: their own function on the API's domain.
    this.tracking = new HeraldTracking(this, "Tracking", {
      api: this.api,
      config,
      env,
      data: this.data,
      secrets,
      handlersDir,
    });

    this.feedback = new HeraldFeedback(this, "Feedback", {
      env,
      data: this.data,
      email: this.email,
      handlersDir,
    });

    this.schedules = new HeraldSchedules(this, "Schedules");
    this.social.readEngagement(this.schedules);
    // Feeds are polled only when some are configured; the CMS webhooks need the topic map either way.
    if (config.sources.feeds) {
      this.pollFeeds = new HeraldFunction(this, "PollFeeds", { ...FUNCTION_SPECS.pollFeeds, handlersDir });
      env.apply(this.pollFeeds);
      this.data.grantData(this.pollFeeds, FUNCTION_ACCESS.pollFeeds);
      secrets.grant(this.pollFeeds, FUNCTION_ACCESS.pollFeeds.secrets);
      this.sending.editionQueue.grantSend(this.pollFeeds);
      // A newer version of a feed item replaces a scheduled one and deletes its schedule.
      this.editionReleases.grantManage(this.pollFeeds);
      this.schedules.addEvery("FeedPoll", { target: this.pollFeeds, minutes: config.sources.pollMinutes });
    }

    // The daily briefing: the scheduler starts it; the render function renders and plans it.
    this.briefing = new HeraldFunction(this, "Briefing", { ...FUNCTION_SPECS.briefing, handlersDir });
    env.apply(this.briefing);
    this.data.grantData(this.briefing, FUNCTION_ACCESS.briefing);
    secrets.grant(this.briefing, FUNCTION_ACCESS.briefing.secrets);
    this.sending.editionQueue.grantSend(this.briefing);
    this.schedules.addDaily("Briefing", { target: this.briefing, ...config.briefing });

    this.observability = new HeraldObservability(this, "Observability", {
      key,
      configurationSetName: this.email.configurationSet.configurationSetName,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });
    this.observability.watchApi(this.api.httpApi);

    // Self-healing sends: what stopped moving is queued again from the table, on a schedule.
    this.recovery = new HeraldRecovery(this, "Recovery", {
      env,
      data: this.data,
      secrets,
      schedules: this.schedules,
      queues: [this.sending.editionQueue.queue, this.sending.sendQueue.queue, this.social.queue.queue],
      alarmTopic: this.observability.alarmTopic,
      everyMinutes: config.recovery.everyMinutes,
      stallSeconds: config.recovery.stallSeconds,
      handlersDir,
    });
    this.observability.watchFunction("Recover", this.recovery.fn);
    this.observability.watchFunction("Api", this.apiFunction);
    this.observability.watchFunction("Console", this.console.fn);
    this.observability.watchFunction("Tracking", this.tracking.fn);
    this.observability.watchQueue("EngagementQueue", this.tracking.queue);
    this.observability.watchFunction("RecordEngagement", this.tracking.recorder);
    this.observability.watchQueue("EditionQueue", this.sending.editionQueue);
    this.observability.watchFunction("RenderPlan", this.sending.renderPlan);
    this.observability.watchQueue("SendQueue", this.sending.sendQueue);
    this.observability.watchFunction("Send", this.sending.send);
    this.observability.watchQueue("SocialQueue", this.social.queue);
    this.observability.watchFunction("Social", this.social.fn);
    this.observability.watchFunction("SesFeedback", this.feedback.fn);
    this.observability.watchQueue("SesFeedback", this.feedback.events);
    if (this.pollFeeds) this.observability.watchFunction("PollFeeds", this.pollFeeds);
    this.observability.watchFunction("Briefing", this.briefing);
    this.observability.watchDeadLetters("EditionSchedule", this.editionReleases.deadLetterQueue);
    for (const { id, queue } of this.schedules.deadLetterQueues)
      this.observability.watchDeadLetters(`${id}Schedule`, queue);
  }
}
