import { api, errorOf } from "../lib/api.js";
import { h, replace } from "../lib/dom.js";

/** Where to go after signing in: a console page only (never another site). */
function nextPage(): string {
  const next = new URLSearchParams(location.search).get("next") ?? "";
  return /^\/console\/[A-Za-z0-9/_-]*$/.test(next) && !next.startsWith("/console/sign-in")
    ? next
    : "/console/editions";
}

async function main() {
  const signedIn = await api("GET", "/v1/session").then(
    () => true,
    () => false,
  );
  if (signedIn) return location.replace(nextPage());
  const main = document.getElementById("main") as HTMLElement;
  document.getElementById("loading")?.remove();
  const error = h("p", { id: "sign-in-error", class: "notice error", role: "alert" });
  error.hidden = true;
  const key = h("input", {
    id: "key",
    name: "key",
    type: "password",
    autocomplete: "current-password",
    required: true,
    "aria-describedby": "key-help",
  });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "card sign-in" },
    h("label", { for: "key" }, "Admin key"),
    key,
    h("p", { id: "key-help", class: "help" }, "The key your newsroom's Herald administrator gave you."),
    submit,
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      const res = await fetch("/v1/session", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ key: key.value }),
      });
      if (!res.ok) throw await errorOf(res);
      location.replace(nextPage());
    } catch (e) {
      const status = (e as { status?: number }).status;
      replace(
        error,
        status === 401 || status === 403
          ? "That key was not accepted."
          : `Could not sign in: ${(e as Error).message}`,
      );
      error.hidden = false;
      key.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  key.focus();
}

void main();
