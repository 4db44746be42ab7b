import { Construct } from "constructs";
import type { HeraldConfig } from "../config.js";
import { FUNCTION_ACCESS } from "../function-access.js";
import { FUNCTION_SPECS } from "../function-specs.js";
import { SEND_BATCH_SIZE, type SendCapacity, sendCapacity } from "../send-concurrency.js";
import type { HeraldData } from "./data.js";
import type { HeraldEmail } from "./email.js";
import { HeraldFunction } from "./herald-function.js";
import { RuntimeEnvironment } from "./runtime-environment.js";
import type { HeraldSecrets } from "./secrets.js";
import { WorkerQueue } from "./worker-queue.js";

export interface HeraldSendingProps {
  config: HeraldConfig;
  env: RuntimeEnvironment;
  data: HeraldData;
  secrets: HeraldSecrets;
  email: HeraldEmail;
  handlersDir: string;
}

/**
 * The send pipeline: edition queue → render+plan worker → send queue → send worker → SES.
 * Each queue is sized from its consumer's timeout; the send worker's concurrency is derived from the
 * SES send rate (see send-concurrency.ts), which is how back-pressure toward SES is built in.
 */
export class HeraldSending extends Construct {
  readonly editionQueue: WorkerQueue;
  readonly sendQueue: WorkerQueue;
  readonly renderPlan: HeraldFunction;
  readonly send: HeraldFunction;
  readonly capacity: SendCapacity;

  constructor(scope: Construct, id: string, props: HeraldSendingProps) {
    super(scope, id);
    const { env, data, secrets } = props;
    this.editionQueue = new WorkerQueue(this, "EditionQueue", {
      consumerTimeout: FUNCTION_SPECS.renderPlan.timeout,
    });
    // A throttled chunk is queued again as a new message (its own is acknowledged), so throttling
    // spends no receives; these ten are for real failures (an exception, a chunk leased elsewhere).
    // A paused edition's chunks are acknowledged too, and queued again when the edition resumes.
    this.sendQueue = new WorkerQueue(this, "SendQueue", {
      consumerTimeout: FUNCTION_SPECS.send.timeout,
      maxReceiveCount: 10,
    });
    env.set("HERALD_EDITION_QUEUE_URL", this.editionQueue.queue.queueUrl);
    env.set("HERALD_SEND_QUEUE_URL", this.sendQueue.queue.queueUrl);
    // A worker holds a chunk for at most its own lifetime; after that another attempt may take over.
    env.set("HERALD_CHUNK_LEASE_SECONDS", String(FUNCTION_SPECS.send.timeout.toSeconds()));

    this.renderPlan = new HeraldFunction(this, "RenderPlan", {
      ...FUNCTION_SPECS.renderPlan,
      handlersDir: props.handlersDir,
    });
    env.apply(this.renderPlan);
    data.grantData(this.renderPlan, FUNCTION_ACCESS.renderPlan);
    secrets.grant(this.renderPlan, FUNCTION_ACCESS.renderPlan.secrets);
    this.sendQueue.grantSend(this.renderPlan);
    // Confirmation emails are rendered (MJML) and sent here, one at a time.
    props.email.grantSend(this.renderPlan, ["ses:SendEmail"]);
    // One edition per invocation: rendering and planning are heavy and checkpointed per edition.
    this.editionQueue.attach(this.renderPlan, { batchSize: 1 });

    this.capacity = sendCapacity(props.config.sesMaxSendRate, { batchSize: SEND_BATCH_SIZE });
    // The planner cuts chunks a worker's share of the quota can send in time (see send-concurrency.ts).
    RuntimeEnvironment.setOn(this.renderPlan, "HERALD_CHUNK_SIZE", String(this.capacity.chunkSize));
    this.send = new HeraldFunction(this, "Send", { ...FUNCTION_SPECS.send, handlersDir: props.handlersDir });
    env.apply(this.send);
    data.grantData(this.send, FUNCTION_ACCESS.send);
    secrets.grant(this.send, FUNCTION_ACCESS.send.secrets);
    props.email.grantSend(this.send, ["ses:SendBulkEmail"]);
    // A chunk SES throttled is queued again with a delay (flows/send-chunk.ts retryThrottled).
    this.sendQueue.grantSend(this.send);
    // Its share of the SES quota, for a worker that paces itself (see send-concurrency.ts).
    RuntimeEnvironment.setOn(this.send, "HERALD_SEND_RATE_PER_WORKER", String(this.capacity.perWorkerRate));
    this.sendQueue.attach(this.send, {
      batchSize: this.capacity.batchSize,
      maxConcurrency: this.capacity.maxConcurrency,
    });
  }
}
