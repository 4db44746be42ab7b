import * as z from "zod";
import { requiredRole } from "../../domain/access/policy.js";
import { CONTRACT, type Operation } from "./contract.js";
import { err } from "./operation.js";

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

/** Who may call an operation: a key or the session cookie, and the role the access table asks. */
function security(op: Operation, method: string, path: string) {
  if (op.session) return { security: [{ session: [] }] };
  if (!op.admin) return {};
  const role = requiredRole(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ":$1"));
  return { security: [{ adminKey: [] }, { session: [] }], "x-herald-role": role };
}

/** Every admin operation may answer 403: a role below the route's, or a session request without CSRF. */
function withAccessErrors(op: Operation): Operation["responses"] {
  if (!op.admin || op.responses[403]) return op.responses;
  return {
    ...op.responses,
    403: err("`forbidden`: the role may not do this; `csrf_failed`: no x-csrf-token"),
  };
}

function operation(op: Operation, method: string, path: string) {
  return {
    summary: op.summary,
    ...security(op, method, path),
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
      Object.entries(withAccessErrors(op)).map(([status, r]) => [
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
    components: {
      securitySchemes: {
        adminKey: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "herald_session" },
      },
    },
    paths: Object.fromEntries(
      Object.entries(CONTRACT).map(([path, ops]) => [
        path,
        Object.fromEntries(
          Object.entries(ops).map(([method, op]) => [method, operation(op as Operation, method, path)]),
        ),
      ]),
    ),
  };
}
