import type { SQSEvent } from "aws-lambda";
import { dynamoDeliveryCounts } from "../adapters/dynamo/delivery-counts.js";
import { sesEventBatchHandler } from "../adapters/sqs/ses-event-batch.js";
import { awsPorts, dynamo } from "./aws-ports.js";

/**
 * The SES events queue's Lambda (SES → the default event bus → a rule → the queue): bounces and
 * complaints suppress, deliveries are counted per batch, the rest moves edition counters.
 */
export const handler = async (event: SQSEvent) => {
  const ports = await awsPorts([]);
  return sesEventBatchHandler({ ...ports, deliveries: dynamoDeliveryCounts(dynamo, ports.config.tableName) })(
    event,
  );
};
