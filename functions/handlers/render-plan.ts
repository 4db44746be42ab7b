import type { SQSEvent } from "aws-lambda";
import { editionWorker } from "../adapters/sqs/workers.js";
import { renderEdition } from "../render/email.js";
import { awsPorts } from "./aws-ports.js";

/** The edition queue's Lambda: render once (the only bundle with MJML), then plan the fan-out. */
export const handler = async (event: SQSEvent) => editionWorker(await awsPorts(), renderEdition)(event);
