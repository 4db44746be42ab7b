import { type SESv2Client, SendBulkEmailCommand } from "@aws-sdk/client-sesv2";
import { sdkWire, type WireInterceptor } from "../http/sdk-wire.js";
import { bulkEmailBody } from "./bulk-email-body.js";

/** An SES client whose bulk sends can be intercepted on the wire (`intercept`). */
export type WireSesClient = SESv2Client & {
  /** Adds a wire interceptor to `SendBulkEmail`; the last added sees a call first. */
  intercept(interceptor: WireInterceptor): void;
};

/**
 * The SDK's SES v2 client, with `SendBulkEmail` made by Herald itself: its input is already SES's
 * JSON body, posted to `/v2/email/outbound-bulk-emails` over a kept-alive connection and signed with
 * the client's own signer; every other command goes through the SDK. Why: the send worker makes one
 * such call per 50 recipients, and the SDK's serializer, which writes each of the fifty entries' JSON
 * a character at a time, cost more CPU than the call itself (docs/performance.md).
 *
 * @example
 * const ses = jsonSesClient(new SESv2Client({}));
 * const out = await ses.send(new SendBulkEmailCommand(input)); // out.BulkEmailEntryResults
 */
export function jsonSesClient(base: SESv2Client): WireSesClient {
  const viaSdk = base.send.bind(base) as (...args: unknown[]) => unknown;
  const wire = sdkWire(base.config, (c) => ({
    path: "/v2/email/outbound-bulk-emails",
    headers: { "content-type": "application/json" },
    body: bulkEmailBody(c.input),
  }));
  const send = (command: unknown, ...rest: unknown[]) =>
    command instanceof SendBulkEmailCommand && rest.length === 0
      ? wire.call({ operation: "SendBulkEmail", input: { ...command.input } })
      : viaSdk(command, ...rest);
  base.send = send as SESv2Client["send"];
  return Object.assign(base, { intercept: wire.intercept });
}
