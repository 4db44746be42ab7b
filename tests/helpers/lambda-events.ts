import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, SQSEvent } from "aws-lambda";

/**
 * An API Gateway HTTP API request as Lambda receives it (payload format 2.0, `$default` route), the
 * way API Gateway writes it: lower-case headers, the query string raw, the caller's IP in the context.
 */
export function httpEvent(
  method: string,
  path: string,
  {
    headers = {},
    body,
    query = "",
  }: { headers?: Record<string, string>; body?: string; query?: string } = {},
): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: query,
    headers: {
      host: "abc123.execute-api.us-east-1.amazonaws.com",
      "user-agent": "herald-test",
      "x-forwarded-for": "203.0.113.9",
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "abc123",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "herald-test" },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

/** An SQS batch as the event source mapping delivers it, one record per message body. */
export function sqsEvent(queueName: string, bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: randomUUID(),
      receiptHandle: `receipt-${i}`,
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: String(Date.now()),
        SenderId: "AROAEXAMPLE",
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:${queueName}`,
      awsRegion: "us-east-1",
    })),
  };
}
