import type { Context } from "hono";
import { HeraldError, InvalidRequest } from "../domain/errors.js";

/**
 * The body of a public form endpoint, as JSON or as a form post (`application/x-www-form-urlencoded`
 * or multipart). Anything else, or JSON that does not parse, is a 400.
 */
export async function readJsonOrForm(c: Context): Promise<{ body: Record<string, unknown>; form: boolean }> {
  const type = c.req.header("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (error) {
      throw new InvalidRequest("the body is not valid JSON", { cause: error });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new HeraldError("invalid_request", "the body must be a JSON object");
    }
    return { body: body as Record<string, unknown>, form: false };
  }
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    try {
      return { body: await c.req.parseBody({ all: true }), form: true };
    } catch (error) {
      throw new InvalidRequest("the form could not be read", { cause: error });
    }
  }
  throw new HeraldError("invalid_request", "send JSON or a form", [
    { path: "content-type", message: "unsupported" },
  ]);
}
