import type { SQSEvent } from "aws-lambda";
import { subscriberId } from "../../domain/subscriber.js";
import { applySignUp } from "../../flows/apply-sign-up.js";
import { RenderJob, SendJob } from "../../flows/jobs.js";
import type { Ports } from "../../flows/ports.js";
import { type BriefingRenderFn, prepareBriefing } from "../../flows/prepare-briefing.js";
import { prepareEdition, type RenderFn } from "../../flows/prepare-edition.js";
import type { CardMaker } from "../../flows/render-card.js";
import { sendChunk } from "../../flows/send-chunk.js";
import { type ConfirmationRenderFn, sendConfirmation } from "../../flows/send-confirmation.js";
import { handleSqsBatch } from "./sqs-batch.js";

// The social queue's consumer is in social-worker.ts: composing posts loads @atproto/api and
// twitter-text, which the render and send bundles must not carry.

export interface Renderers {
  edition: RenderFn;
  briefing: BriefingRenderFn;
  confirmation: ConfirmationRenderFn;
  /** The social card; left out only where the email alone is measured (the fan-out benchmark). */
  card?: CardMaker;
}

/**
 * The render queue's consumer (the one function with MJML and the card renderer): an edition is
 * rendered once, its card drawn, and planned; a daily briefing is rendered once per topic
 * combination and planned; a sign-up is decided; a confirmation email is rendered and sent. Lambda
 * and the local queue both call it.
 */
export const renderWorker = (ports: Ports, renderers: Renderers) => (event: SQSEvent) =>
  handleSqsBatch(
    event,
    RenderJob,
    async (job) => {
      if ("editionId" in job) await prepareEdition(ports, renderers.edition, job.editionId, renderers.card);
      else if ("briefingId" in job) await prepareBriefing(ports, renderers.briefing, job.briefingId);
      else if ("signUp" in job) {
        const outcome = await applySignUp(ports, job.signUp);
        ports.log.info("sign-up", { subscriberId: subscriberId(job.signUp.email), outcome });
      } else await sendConfirmation(ports, renderers.confirmation, job.confirmSubscriber);
      return "done";
    },
    ports.log,
  );

/** The send queue's consumer: one chunk per record. */
export const sendWorker = (ports: Ports) => (event: SQSEvent) =>
  handleSqsBatch(event, SendJob, (job) => sendChunk(ports, job), ports.log);
