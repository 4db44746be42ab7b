import * as z from "zod";
import { CONTRACT, type Operation } from "./contract.js";

type Io = "input" | "output";
const schemaOf = (s: z.ZodType, io: Io) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
};

function parameters(op: Operation) {
  const place = (where: "path" | "query", obj?: z.ZodObject) =>
    Object.entries(obj?.shape ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === "path" || !(s as z.ZodType).safeParse(undefined).success,
      schema: schemaOf(s as z.ZodType, "input"),
    }));
  return [...place("path", op.params), ...place("query", op.query)];
}

function operation(op: Operation) {
  return {
    summary: op.summary,
    ...(op.admin ? { security: [{ adminKey: [] }] } : {}),
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { [op.body.type]: { schema: schemaOf(op.body.schema, "input") } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.type
            ? { content: { [r.type]: r.schema ? { schema: schemaOf(r.schema, "output") } : {} } }
            : {}),
        },
      ]),
    ),
  };
}

/** Builds the OpenAPI 3.1 document (JSON Schema 2020-12 inside) from the contract table. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Herald",
      version: "1.0.0",
      description:
        "Newsletter and social syndication backend for newsrooms: the signed publish webhook, subscribers, editions, briefings and social posts. This document is the HTTP contract.",
    },
    components: { securitySchemes: { adminKey: { type: "http", scheme: "bearer" } } },
    paths: Object.fromEntries(
      Object.entries(CONTRACT).map(([path, ops]) => [
        path,
        Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(op as Operation)])),
      ]),
    ),
  };
}
