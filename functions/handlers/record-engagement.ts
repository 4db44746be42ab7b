import type { SQSEvent } from "aws-lambda";
import { dynamoEngagementMarks } from "../adapters/dynamo/engagement-marks.js";
import { engagementWorker } from "../adapters/sqs/engagement-worker.js";
import { marksTableOf } from "../domain/config.js";
import { awsPorts, dynamo } from "./aws-ports.js";

/**
 * The engagement queue's Lambda: counts batches of clicks and opens the tracking function queued
 * (marks per recipient, then each email's counters once per batch). No secret: the tokens were
 * verified before the events were queued.
 */
export const handler = async (event: SQSEvent) => {
  const ports = await awsPorts([]);
  const marks = dynamoEngagementMarks(dynamo, marksTableOf(ports.config));
  return engagementWorker({ ...ports, marks })(event);
};
