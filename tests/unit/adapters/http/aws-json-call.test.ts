import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { isConditionFailure } from "../../../../functions/adapters/dynamo/conditional-write.js";
import { AwsServiceError, awsJsonCall } from "../../../../functions/adapters/http/aws-json-call.js";

type Answer = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A loopback service answering each request with the next of `answers` (the last one repeats). */
async function service(answers: Answer[]) {
  const seen: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      seen.push({ headers: req.headers, body });
      (answers[Math.min(seen.length, answers.length) - 1] as Answer)(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  stops.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url, seen };
}
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

/** Signs as the SDK's signer would be asked to: the test sees what it was given. */
const signer = {
  async sign(request: { headers: Record<string, string> }) {
    return { headers: { ...request.headers, authorization: "AWS4-HMAC-SHA256 test" } };
  },
};
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_q, _b, res) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.0", ...headers });
    res.end(JSON.stringify(body));
  };
const call = (url: URL, maxAttempts = 3) =>
  awsJsonCall(
    { url, signer, maxAttempts },
    { path: "/", headers: { "x-amz-target": "DynamoDB_20120810.GetItem" }, body: { TableName: "t" } },
  );

describe("awsJsonCall", () => {
  it("sends the body as JSON with the signer's headers, and answers the parsed JSON", async () => {
    const { url, seen } = await service([json(200, { Item: { pk: { S: "a" } } })]);

    const out = await call(url);

    expect(out).toEqual({ Item: { pk: { S: "a" } } });
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ TableName: "t" });
    expect(seen[0]?.headers).toMatchObject({
      authorization: "AWS4-HMAC-SHA256 test",
      "x-amz-target": "DynamoDB_20120810.GetItem",
    });
  });

  it("sends a body already encoded as it is, the same bytes on every try", async () => {
    const { url, seen } = await service([json(500, {}), json(200, {})]);
    const bytes = Buffer.from('{"pre":"encodé"}');

    await awsJsonCall({ url, signer }, { path: "/", headers: {}, body: bytes });

    expect(seen.map((s) => s.body)).toEqual(['{"pre":"encodé"}', '{"pre":"encodé"}']);
    expect(seen[1]?.headers["content-length"]).toBe(String(bytes.length));
  });

  it("raises a refusal by its code, with its modelled fields, and does not try it again", async () => {
    const reasons = [
      { Code: "None" },
      { Code: "ConditionalCheckFailed", Message: "The conditional request failed" },
    ];
    const { url, seen } = await service([
      json(400, {
        __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
        Message: "Transaction cancelled",
        CancellationReasons: reasons,
      }),
    ]);

    const error = await call(url).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({
      name: "TransactionCanceledException",
      message: "Transaction cancelled",
      CancellationReasons: reasons,
      $fault: "client",
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    expect(isConditionFailure(error)).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it("tries a 5xx and a dropped connection again, as the SDK's standard mode does", async () => {
    const { url, seen } = await service([
      json(500, { __type: "InternalServerError", message: "oops" }),
      (_q, _b, res) => res.socket?.destroy(),
      json(200, { ok: true }),
    ]);

    expect(await call(url)).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
  });

  it("gives up after maxAttempts on throttling, named by the error-type header", async () => {
    const { url, seen } = await service([
      json(
        429,
        { message: "Maximum sending rate exceeded." },
        { "x-amzn-errortype": "TooManyRequestsException:http://x" },
      ),
    ]);

    const error = await call(url, 2).catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 429, attempts: 2 },
    });
    expect(seen).toHaveLength(2);
  });

  it("signs what it sends: the signature checks out by the SigV4 rules, computed here apart", async () => {
    const credentials = {
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    };
    const { url, seen } = await service([json(200, {})]);
    const sdk = new DynamoDBClient({ region: "eu-west-1", credentials, endpoint: url.href });
    const signer = (await sdk.config.signer()) as Parameters<typeof awsJsonCall>[0]["signer"];

    await awsJsonCall(
      { url, signer },
      {
        path: "/",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.GetItem",
        },
        body: { TableName: "t", Key: { pk: { S: "é ✉" } } },
      },
    );

    // Prepare the expected signature from the request as it arrived (AWS's SigV4 specification).
    const { headers, body } = seen[0] as { headers: IncomingMessage["headers"]; body: string };
    const auth =
      /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=(\w+)/.exec(
        String(headers.authorization),
      );
    expect(auth).not.toBeNull();
    const [, key, day, region, signingName, signed, signature] = auth as unknown as string[];
    expect([key, region, signingName]).toEqual([credentials.accessKeyId, "eu-west-1", "dynamodb"]);
    const names = (signed as string).split(";");
    expect(names).toEqual(expect.arrayContaining(["host", "x-amz-date", "x-amz-target", "content-type"]));
    const hash = (data: string) => createHash("sha256").update(data).digest("hex");
    const canonical = [
      "POST",
      "/",
      "",
      ...names.map((n) => `${n}:${String(headers[n]).trim()}`),
      "",
      signed,
      hash(body),
    ].join("\n");
    const scope = `${day}/${region}/${signingName}/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", headers["x-amz-date"], scope, hash(canonical)].join("\n");
    const hmac = (k: string | Buffer, data: string) => createHmac("sha256", k).update(data).digest();
    let signingKey = hmac(`AWS4${credentials.secretAccessKey}`, day as string);
    for (const part of [region, signingName, "aws4_request"]) signingKey = hmac(signingKey, part as string);
    expect(signature).toBe(createHmac("sha256", signingKey).update(toSign).digest("hex"));
    sdk.destroy();
  });
});
