import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { startDynamoLocal } from "../../functions/local/dynamodb-local.js";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run: starting Java costs seconds, a table costs nothing. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal(await freePort());
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
