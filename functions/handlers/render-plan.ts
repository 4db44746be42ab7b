import type { SQSEvent } from "aws-lambda";
import { renderWorker } from "../adapters/sqs/workers.js";
import { mjmlRenderers } from "../render/renderers.js";
import { awsPorts } from "./aws-ports.js";

/**
 * The render queue's Lambda, the only bundle with MJML: renders each edition once and plans its
 * fan-out, and renders and sends confirmation emails.
 */
export const handler = async (event: SQSEvent) => renderWorker(await awsPorts(), mjmlRenderers)(event);
