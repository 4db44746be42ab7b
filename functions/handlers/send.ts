import type { SQSEvent } from "aws-lambda";
import { sendWorker } from "../adapters/sqs/workers.js";
import { awsPorts } from "./aws-ports.js";

/** The send queue's Lambda: one SES SendBulkEmail per chunk, partial batch failures for throttling. */
export const handler = async (event: SQSEvent) => sendWorker(await awsPorts(["tokens"]))(event);
