import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSEvent } from "aws-lambda";
import { jsonSesClient } from "../adapters/ses/json-ses-client.js";
import { sendWorker } from "../adapters/sqs/workers.js";
import { awsPorts } from "./aws-ports.js";

/** The bulk calls on Herald's JSON wire: the SDK's serializer cost more CPU than the calls. */
const ses = jsonSesClient(new SESv2Client({}));

/**
 * The send queue's Lambda: a chunk's SES SendBulkEmail calls (two of 50). A throttled chunk is
 * queued again with a delay and its message acknowledged; `batchItemFailures` reports only real failures.
 */
export const handler = async (event: SQSEvent) => sendWorker(await awsPorts(["tokens"], { ses }))(event);
