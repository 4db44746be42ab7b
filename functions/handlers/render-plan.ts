import type { SQSEvent } from "aws-lambda";
import { httpImageFetcher } from "../adapters/images/http-image-fetcher.js";
import { renderWorker } from "../adapters/sqs/workers.js";
import { mjmlRenderers } from "../render/renderers.js";
import { renderEditionCard } from "../render/social/edition-card.js";
import { awsPorts } from "./aws-ports.js";

const renderers = { ...mjmlRenderers, card: { render: renderEditionCard, images: httpImageFetcher() } };

/**
 * The render queue's Lambda, the only bundle with MJML and the card renderer: renders each edition
 * and its social card once and plans its fan-out, and renders and sends confirmation emails.
 */
export const handler = async (event: SQSEvent) => renderWorker(await awsPorts(["tokens"]), renderers)(event);
