import type { SQSEvent } from "aws-lambda";
import { sendWorker } from "../adapters/sqs/workers.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The send queue's Lambda: one SES SendBulkEmail per chunk. A throttled chunk is queued again with a
 * delay and its message acknowledged; `batchItemFailures` reports only real failures.
 */
export const handler = async (event: SQSEvent) => sendWorker(await awsPorts(["tokens"]))(event);
