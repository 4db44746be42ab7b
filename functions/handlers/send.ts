import type { SQSEvent } from "aws-lambda";
import { sendWorker } from "../adapters/sqs/workers.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The send queue's Lambda: a chunk's SES SendBulkEmail calls (two of 50). A throttled chunk is
 * queued again with a delay and its message acknowledged; `batchItemFailures` reports only real failures.
 */
export const handler = async (event: SQSEvent) => sendWorker(await awsPorts(["tokens"]))(event);
