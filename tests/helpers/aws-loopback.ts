import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One AWS call a function made: `dynamodb:PutItem` on a table, `sqs:SendMessage` on a queue URL… */
export interface AwsCall {
  action: string;
  /** The table name, queue URL or secret id the call named (an index as `<table>/index/<name>`). */
  resource: string;
}

export interface QueuedMessage {
  queueUrl: string;
  body: string;
  delaySeconds?: number;
}

/**
 * The AWS services a deployed function talks to, on one loopback port, for the SDK's JSON protocols
 * (each request names its operation in `X-Amz-Target`): DynamoDB is proxied to DynamoDB Local;
 * Secrets Manager (GetSecretValue) and SQS (SendMessage, SendMessageBatch) are answered here, since
 * neither has a local stand-in in this project. Every call is recorded with what it named, so a
 * test can hold each call against the function's IAM grants. Point a process at it with
 * `AWS_ENDPOINT_URL_DYNAMODB` / `_SQS` / `_SECRETS_MANAGER`.
 */
export async function startAwsLoopback(options: {
  dynamoEndpoint: string;
  secrets: Record<string, unknown>;
}) {
  const calls: AwsCall[] = [];
  const messages: QueuedMessage[] = [];
  const dynamo = new URL(options.dynamoEndpoint);

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": randomUUID() });
    res.end(JSON.stringify(body));
  };

  /** DynamoDB: recorded per contained action (as IAM authorizes a transaction), then forwarded. */
  function proxyDynamo(req: IncomingMessage, res: ServerResponse, raw: Buffer, operation: string) {
    const input = JSON.parse(raw.toString("utf8") || "{}");
    const record = (action: string, table: string, index?: string) =>
      calls.push({ action: `dynamodb:${action}`, resource: index ? `${table}/index/${index}` : table });
    if (operation === "TransactWriteItems") {
      for (const item of input.TransactItems ?? []) {
        const [kind, op] = Object.entries(item)[0] as [string, { TableName: string }];
        const action = { Put: "PutItem", Update: "UpdateItem", Delete: "DeleteItem" }[kind] ?? kind;
        record(action, op.TableName);
      }
    } else if (operation.startsWith("Batch")) {
      for (const table of Object.keys(input.RequestItems ?? {})) record(operation, table);
    } else {
      record(operation, input.TableName, input.IndexName);
    }
    const forward = request(
      {
        host: dynamo.hostname,
        port: dynamo.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: dynamo.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => reply(res, 500, { __type: "ProxyError", message: String(error) }));
    forward.end(raw);
  }

  function secretsManager(res: ServerResponse, operation: string, input: { SecretId?: string }) {
    const id = String(input.SecretId);
    calls.push({ action: `secretsmanager:${operation}`, resource: id });
    if (operation !== "GetSecretValue" || !(id in options.secrets)) {
      return reply(res, 400, {
        __type: "ResourceNotFoundException",
        message: "Secrets Manager can't find the specified secret.",
      });
    }
    reply(res, 200, {
      ARN: id,
      Name: id.split(":").pop(),
      SecretString: JSON.stringify(options.secrets[id]),
      VersionId: "v1",
      VersionStages: ["AWSCURRENT"],
      CreatedDate: Date.now() / 1000,
    });
  }

  /** SQS answers with each body's MD5, which the SDK checks. */
  function sqs(res: ServerResponse, operation: string, input: Record<string, unknown>) {
    const queueUrl = String(input.QueueUrl);
    calls.push({ action: "sqs:SendMessage", resource: queueUrl });
    const accept = (body: string, delaySeconds?: number) => {
      messages.push({ queueUrl, body, ...(delaySeconds ? { delaySeconds } : {}) });
      return { MessageId: randomUUID(), MD5OfMessageBody: createHash("md5").update(body).digest("hex") };
    };
    if (operation === "SendMessage") {
      return reply(res, 200, accept(String(input.MessageBody), input.DelaySeconds as number | undefined));
    }
    if (operation === "SendMessageBatch") {
      const entries = input.Entries as Array<{ Id: string; MessageBody: string; DelaySeconds?: number }>;
      return reply(res, 200, {
        Successful: entries.map((e) => ({ Id: e.Id, ...accept(e.MessageBody, e.DelaySeconds) })),
        Failed: [],
      });
    }
    reply(res, 400, { __type: "com.amazonaws.sqs#UnsupportedOperation", message: operation });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const [service, operation = ""] = String(req.headers["x-amz-target"] ?? "").split(".");
      if (service?.startsWith("DynamoDB")) return proxyDynamo(req, res, raw, operation);
      const input = JSON.parse(raw.toString("utf8") || "{}");
      if (service === "secretsmanager") return secretsManager(res, operation, input);
      if (service === "AmazonSQS") return sqs(res, operation, input);
      reply(res, 400, { __type: "UnknownOperationException", message: `not served here: ${service}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    calls,
    messages,
    /** Forget what was recorded (between invocations). */
    reset() {
      calls.length = 0;
      messages.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type AwsLoopback = Awaited<ReturnType<typeof startAwsLoopback>>;
