import type { SQSEvent } from "aws-lambda";
import { renderWorker } from "../adapters/sqs/workers.js";
import { renderConfirmation } from "../render/confirmation.js";
import { renderEdition } from "../render/email.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The render queue's Lambda, the only bundle with MJML: renders each edition once and plans its
 * fan-out, and renders and sends confirmation emails.
 */
export const handler = async (event: SQSEvent) =>
  renderWorker(await awsPorts(), { edition: renderEdition, confirmation: renderConfirmation })(event);
