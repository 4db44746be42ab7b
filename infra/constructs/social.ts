import { CfnOutput, Validations } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { PK } from "../../functions/adapters/dynamo/keys.js";
import { TOKEN_KEY_SETTING } from "../../functions/adapters/social/sealed-credentials.js";
import { SWEEP_EVERY_MINUTES } from "../../functions/domain/social/engagement.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import type { HeraldData } from "./data.js";
import { HeraldFunction } from "./herald-function.js";
import { RuntimeEnvironment } from "./runtime-environment.js";
import type { HeraldSchedules } from "./schedules.js";
import { WorkerQueue } from "./worker-queue.js";

export interface HeraldSocialProps {
  env: RuntimeEnvironment;
  data: HeraldData;
  handlersDir: string;
}

/** What the social worker does with the table: editions, their post intents, account tokens and flags. */
const SOCIAL_ITEM_ACTIONS = ["GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem"];
/**
 * `WORK`: a post is unfinished work from its intent's creation until it is final (the recovery pass).
 * `ENGAGE#`: engagement look-ups waiting in the bucket of the hour they are due.
 */
const SOCIAL_KEY_PREFIXES = [PK.edition, PK.social, PK.work, PK.engagementDue];

/**
 * Social posting: the render function hands each edition to the social queue; the social worker fans
 * it out to one job per configured account and posts each once, deferring rate-limited and unknown
 * ones back onto its own queue. The accounts' credentials are in a secret of their own that only
 * this function may read (the API and the other workers never can); its table access is limited to
 * edition and social items.
 */
export class HeraldSocial extends Construct {
  readonly queue: WorkerQueue;
  readonly fn: HeraldFunction;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: HeraldSocialProps) {
    super(scope, id);
    const { env, data } = props;
    this.queue = new WorkerQueue(this, "PostQueue", { consumerTimeout: FUNCTION_SPECS.social.timeout });
    env.set("HERALD_SOCIAL_QUEUE_URL", this.queue.queue.queueUrl);
    // A worker holds a post for at most its own lifetime; after that the call is presumed dead.
    env.set("HERALD_SOCIAL_LEASE_SECONDS", String(FUNCTION_SPECS.social.timeout.toSeconds()));

    // Only the token-sealing key until the operator adds `HERALD_<NETWORK>_…` keys; no network is
    // configured before. The key seals the tokens adapters refresh into the table.
    this.secret = new Secret(this, "SocialSecret", {
      description: "Herald: social network credentials (JSON object, HERALD_<NETWORK>_... keys)",
      generateSecretString: {
        secretStringTemplate: "{}",
        generateStringKey: TOKEN_KEY_SETTING,
        passwordLength: 48,
        excludePunctuation: true,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "The values are credentials the networks issue (app passwords, page and bot tokens): only the " +
        "network can mint new ones, so a rotation Lambda has nothing to rotate to. OAuth tokens that " +
        "expire are refreshed by the adapters and kept in the table; a dead one flags the account.",
    });

    new CfnOutput(scope, "SocialSecretArn", {
      value: this.secret.secretArn,
      description:
        "Social credentials: add HERALD_<NETWORK>_... keys to its JSON, keeping HERALD_SOCIAL_TOKEN_KEY (README: Accounts and their settings)",
    });

    this.fn = new HeraldFunction(this, "Worker", {
      ...FUNCTION_SPECS.social,
      handlersDir: props.handlersDir,
    });
    env.apply(this.fn);
    RuntimeEnvironment.setOn(this.fn, "HERALD_SOCIAL_SECRET_ARN", this.secret.secretArn);
    this.secret.grantRead(this.fn);
    data.grantItems(this.fn, SOCIAL_ITEM_ACTIONS, SOCIAL_KEY_PREFIXES);
    // Fan-out and deferred posts (rate limits, lookups later) go back onto its own queue.
    this.queue.grantSend(this.fn);
    // A few posts a batch, two batches at once: gentle on the networks' rate limits.
    this.queue.attach(this.fn, { batchSize: 5, maxConcurrency: 2 });
  }

  /**
   * Engagement look-ups: every quarter of an hour the schedule invokes the worker with
   * `{ engagementSweep: true }` and it reads the counts of the posts that are due. The schedule's
   * role may invoke this function only; the worker already holds the credentials and the table grant.
   */
  readEngagement(schedules: HeraldSchedules): void {
    schedules.addEvery("SocialEngagement", {
      target: this.fn,
      minutes: SWEEP_EVERY_MINUTES,
      input: { engagementSweep: true },
    });
  }

  /** The render function queues each rendered edition that goes to social accounts. */
  grantEnqueue(grantee: iam.IGrantable): void {
    this.queue.queue.grantSendMessages(grantee);
  }
}
