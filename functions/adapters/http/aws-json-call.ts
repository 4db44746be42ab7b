import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A request as Signature Version 4 signs it (the SDK's `HttpRequest` shape). */
interface Signable {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An AWS service's endpoint and what signs requests to it (an SDK client's own `config.signer`). */
export interface AwsEndpoint {
  url: URL;
  signer: { sign(request: Signable): Promise<{ headers: Record<string, string> }> };
  /** Tries in all, the first included (the SDK's standard mode: 3). */
  maxAttempts?: number;
}

/** A JSON request to one of an AWS service's operations. */
export interface AwsJsonRequest {
  path: string;
  headers: Record<string, string>;
  /** The JSON body: a value to serialize, or its bytes already encoded (`bulkEmailBody`). */
  body: unknown;
}

/**
 * An AWS service's refusal as the SDK raises it: `name` is the error code, `$metadata` carries the
 * status, and the modelled fields (`CancellationReasons`, …) are the error's own, so code written
 * against the SDK's errors reads these unchanged.
 */
export class AwsServiceError extends Error {
  [field: string]: unknown;
  readonly $fault: "client" | "server";
  readonly $metadata: { httpStatusCode?: number; requestId?: string; attempts: number };
  constructor(name: string, message: string, status: number | undefined, fields: Record<string, unknown>) {
    super(message);
    Object.assign(this, fields);
    this.name = name;
    this.$fault = status !== undefined && status < 500 ? "client" : "server";
    this.$metadata = { httpStatusCode: status, attempts: 1 };
  }
}

// The SDK's standard retry mode (@smithy/service-error-classification), kept to the same errors.
const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "LimitExceededException",
  "SlowDown",
  "TransactionInProgressException",
]);
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

const throttled = (e: unknown) =>
  e instanceof AwsServiceError && (THROTTLING.has(e.name) || e.$metadata.httpStatusCode === 429);
const transient = (e: unknown) =>
  e instanceof AwsServiceError
    ? (e.$metadata.httpStatusCode ?? 0) >= 500
    : NETWORK.has(String((e as { code?: string })?.code));

// One pool per process and scheme: a send worker makes every call on a handful of warm connections.
const agents = {
  "http:": new HttpAgent({ keepAlive: true, maxSockets: 50 }),
  "https:": new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
};

/** The error code of a failed answer: the `x-amzn-errortype` header, else the body's `__type`/`code`. */
function errorFrom(status: number, headers: IncomingMessage["headers"], json: Record<string, unknown>) {
  const raw = String(headers["x-amzn-errortype"] ?? json.__type ?? json.code ?? `Http${status}Error`);
  const name = raw.split(":")[0]?.split("#").pop() || `Http${status}Error`;
  const message = String(json.message ?? json.Message ?? name);
  const { __type: _t, message: _m, Message: _M, ...fields } = json;
  return new AwsServiceError(name, message, status, fields);
}

async function once(endpoint: AwsEndpoint, request: AwsJsonRequest): Promise<unknown> {
  const { url } = endpoint;
  // Encoded once: the signer hashes these bytes and the socket writes them.
  const body = request.body instanceof Uint8Array ? request.body : Buffer.from(JSON.stringify(request.body));
  const signed = await endpoint.signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: request.path,
    query: {},
    headers: { ...request.headers, host: url.host, "content-length": String(body.length) },
    body,
  });
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        method: "POST",
        hostname: url.hostname,
        port: url.port || undefined,
        path: request.path,
        headers: signed.headers,
        agent: agents[url.protocol as "http:" | "https:"],
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          let json: Record<string, unknown> = {};
          try {
            json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            // A proxy's HTML error page: the status says what there is to say.
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(json);
          else reject(errorFrom(status, res.headers, json));
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Makes one signed JSON call to an AWS service over a kept-alive connection, and tries again as the
 * SDK's standard retry mode does: throttling (500 ms base) and 5xx or a dropped connection (100 ms
 * base), full jitter, up to `maxAttempts` in all. Answers the parsed JSON; a refusal is thrown as an
 * `AwsServiceError`. It skips the SDK's serializer, middleware stack and endpoint rules, which were
 * most of a send's CPU: that is why the send path's calls go this way (docs/performance.md).
 *
 * @example
 * const out = await awsJsonCall(endpoint, {
 *   path: "/", headers: { "x-amz-target": "DynamoDB_20120810.GetItem", "content-type": "application/x-amz-json-1.0" },
 *   body: { TableName: "herald", Key: { pk: { S: "a" }, sk: { S: "b" } } },
 * });
 */
export async function awsJsonCall(endpoint: AwsEndpoint, request: AwsJsonRequest): Promise<unknown> {
  const attempts = endpoint.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(endpoint, request);
    } catch (error) {
      const retry = throttled(error) || transient(error);
      if (error instanceof AwsServiceError) error.$metadata.attempts = attempt;
      if (!retry || attempt >= attempts) throw error;
      const base = throttled(error) ? 500 : 100;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(20_000, base * 2 ** attempt)));
    }
  }
}
