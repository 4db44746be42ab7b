import type { SNSEvent } from "aws-lambda";
import { sesFeedbackHandler } from "../adapters/sns/ses-feedback.js";
import { awsPorts } from "./aws-ports.js";

/** The SES events topic's Lambda: bounces and complaints suppress, the rest moves edition counters. */
export const handler = async (event: SNSEvent) => sesFeedbackHandler(await awsPorts([]))(event);
