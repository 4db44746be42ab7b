/** The API as the console calls it: same origin, the session cookie, the CSRF token on every change. */
let csrfToken = "";

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function currentCsrfToken(): string {
  return csrfToken;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends the browser to sign-in, coming back here afterwards. */
export function toSignIn(): void {
  const next = encodeURIComponent(location.pathname + location.search);
  location.replace(`/console/sign-in?next=${next}`);
}

/** The error of a failed response, in Herald's JSON error shape when it is one. */
export async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? "error", body.error?.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, "error", `${res.status} ${res.statusText}`);
  }
}

/**
 * Calls the API. A 401 (the session ended) leads to sign-in; any other failure throws an
 * {@link ApiError} with the API's own message.
 *
 * @example
 * const { editions } = await api<{ editions: Edition[] }>("GET", "/v1/editions");
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401 && path !== "/v1/session") toSignIn();
  if (!res.ok) throw await errorOf(res);
  const type = res.headers.get("content-type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}
