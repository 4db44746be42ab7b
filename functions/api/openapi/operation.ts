import type * as z from "zod";
import { ErrorResponse } from "../schemas.js";

/** One operation of the HTTP contract, described with the same zod schemas the handlers use. */
export interface Operation {
  summary: string;
  /** Needs an admin key or a console session; the role comes from the access table. */
  admin?: boolean;
  /** Needs the console's session cookie (the session routes themselves). */
  session?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { type: string; schema: z.ZodType };
  responses: Record<number, { description: string; type?: string; schema?: z.ZodType }>;
}

export type Paths = Record<string, Partial<Record<"get" | "post" | "delete", Operation>>>;

export const json = "application/json";
export const html = "text/html";
export const err = (description: string) => ({ description, type: json, schema: ErrorResponse });
