import type { SQSEvent } from "aws-lambda";
import { fanOutSocial } from "../../flows/fan-out-social.js";
import { SocialJob } from "../../flows/jobs.js";
import type { Ports } from "../../flows/ports.js";
import { publishSocial, type SocialWorkerPorts } from "../../flows/publish-social.js";
import { handleSqsBatch } from "./sqs-batch.js";

/**
 * The social queue's consumer: an edition is fanned out to one job per configured account, and each
 * of those posts once (waits for rate limits and lookups go back to the queue with a delay). It is
 * apart from `workers.ts` because composing posts loads @atproto/api and twitter-text (~1 MB), which
 * the render and send bundles must not carry.
 *
 * @example
 * socialQueue.start(socialWorker(ports, { adapters, credentials }));
 */
export const socialWorker = (ports: Ports, social: SocialWorkerPorts) => (event: SQSEvent) =>
  handleSqsBatch(
    event,
    SocialJob,
    async (job) => {
      if ("network" in job) return publishSocial(ports, social, job);
      await fanOutSocial(ports, social.adapters, job.editionId);
      return "done";
    },
    ports.log,
  );
