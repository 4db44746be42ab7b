import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "herald_session";
/** A console session lasts a working day; signing in again is cheap. */
export const SESSION_SECONDS = 8 * 3600;

/** Behind API Gateway the request URL is https; locally a proxy may say so in X-Forwarded-Proto. */
const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
export function setSessionCookie(c: Context, id: string) {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_SECONDS,
    secure: isHttps(c),
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Strict", secure: isHttps(c) });
}

export const sessionIdOf = (c: Context) => getCookie(c, SESSION_COOKIE);
