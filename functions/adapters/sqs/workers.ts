import type { SQSEvent } from "aws-lambda";
import { EditionJob, SendJob } from "../../flows/jobs.js";
import type { Ports } from "../../flows/ports.js";
import { prepareEdition, type RenderFn } from "../../flows/prepare-edition.js";
import { sendChunk } from "../../flows/send-chunk.js";
import { handleSqsBatch } from "./sqs-batch.js";

/** The edition queue's consumer: render once, then plan. Lambda and the local queue both call it. */
export const editionWorker = (ports: Ports, render: RenderFn) => (event: SQSEvent) =>
  handleSqsBatch(
    event,
    EditionJob,
    async (job) => {
      await prepareEdition(ports, render, job.editionId);
      return "done";
    },
    ports.log,
  );

/** The send queue's consumer: one chunk per record. */
export const sendWorker = (ports: Ports) => (event: SQSEvent) =>
  handleSqsBatch(event, SendJob, (job) => sendChunk(ports, job), ports.log);
