import { api, setCsrfToken, toSignIn } from "./api.js";
import { replace } from "./dom.js";
import type { Session } from "./types.js";

/**
 * Starts a signed-in page: asks the API for the session (none: off to sign-in, before anything is
 * drawn), keeps its CSRF token, shows who is signed in and wires "Sign out".
 *
 * @example
 * const { main } = await startPage();
 */
export async function startPage(): Promise<{ main: HTMLElement; session: Session }> {
  let session: Session;
  try {
    session = await api<Session>("GET", "/v1/session");
  } catch {
    toSignIn();
    return new Promise(() => {}); // the page is leaving
  }
  setCsrfToken(session.csrfToken);
  const who = document.getElementById("who");
  if (who) replace(who, `${session.name} (${session.role})`);
  const signOut = document.getElementById("sign-out") as HTMLButtonElement | null;
  if (signOut) {
    signOut.hidden = false;
    signOut.addEventListener("click", async () => {
      await api("DELETE", "/v1/session").catch(() => undefined);
      location.replace("/console/sign-in");
    });
  }
  document.getElementById("loading")?.remove();
  return { main: document.getElementById("main") as HTMLElement, session };
}
