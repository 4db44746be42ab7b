import type { CredentialStore } from "../../../flows/ports/social.js";
import type { FailureOutcome } from "../common/call-outcomes.js";
import { type BlueskyClient, Session, type Xrpc, type XrpcFailure } from "./client.js";
import { failureOutcome } from "./outcomes.js";

/**
 * The account's app-password session, kept in the credential store between invocations: createSession
 * is limited to 30 per 5 minutes and about 100 a day per account, so it is called only when no stored
 * session works. An expired access JWT is refreshed with the refresh JWT; a dead refresh JWT falls
 * back to createSession; a refused createSession (wrong password, sign-in code required, takedown)
 * flags the account for a person.
 */

export type SessionRun<T> = { ok: true; value: T; session: Session } | { ok: false; outcome: FailureOutcome };

/** `adopted`: taken from the store after another worker renewed it, so possibly stale as well. */
type Held = { ok: true; session: Session; version: number; adopted?: boolean };
type Failed = { ok: false; outcome: FailureOutcome };

/** The PDS says the access token is no good: 400 ExpiredToken/InvalidToken, or any 401. */
function isExpired(failure: XrpcFailure): boolean {
  if (failure.kind !== "error") return false;
  return failure.status === 401 || failure.error === "ExpiredToken" || failure.error === "InvalidToken";
}

/** A refusal of the credentials themselves (not a rate limit, not an outage). */
function isRefusal(failure: XrpcFailure): boolean {
  return failure.kind === "error" && failure.status >= 400 && failure.status < 500 && failure.status !== 429;
}

export interface BlueskySessionOptions {
  client: BlueskyClient;
  credentials: CredentialStore;
  account: string;
  identifier: string;
  appPassword: string;
  now: () => Date;
}

/**
 * @example
 * const sessions = blueskySessions({ client, credentials, account, identifier, appPassword, now });
 * const created = await sessions.run((s) => client.createRecord(s.accessJwt, s.did, "app.bsky.feed.post", record));
 */
export function blueskySessions(options: BlueskySessionOptions) {
  const { client, credentials, account, now } = options;
  let held: Held | undefined;

  const fromStore = async (): Promise<Held | undefined> => {
    const stored = await credentials.get("bluesky", account);
    const parsed = Session.safeParse(stored?.values);
    return stored && parsed.success ? { ok: true, session: parsed.data, version: stored.version } : undefined;
  };

  async function dead(failure: XrpcFailure): Promise<Failed> {
    held = undefined;
    const reason = failure.kind === "error" ? `${failure.error}: ${failure.message}` : failure.message;
    await credentials.flagAttention(
      "bluesky",
      account,
      `Bluesky refused the app password (${reason})`,
      now(),
    );
    return { ok: false, outcome: { kind: "auth", message: `Bluesky refused the credentials: ${reason}` } };
  }

  /** Keeps a new session; when another worker stored one meanwhile, both are valid and ours is used. */
  async function keep(session: Session, version: number): Promise<Held> {
    const stored = await credentials.put("bluesky", account, { ...session }, version);
    const current = stored ? version + 1 : ((await credentials.get("bluesky", account))?.version ?? version);
    held = { ok: true, session, version: current };
    return held;
  }

  async function create(version: number): Promise<Held | Failed> {
    const created = await client.createSession(options.identifier, options.appPassword);
    if (!created.ok) {
      if (isRefusal(created.failure)) return dead(created.failure);
      return { ok: false, outcome: failureOutcome(created.failure, now()) };
    }
    await credentials.clearAttention("bluesky", account);
    return keep(created.value, version);
  }

  async function load(): Promise<Held | Failed> {
    held ??= await fromStore();
    return held ?? create((await credentials.get("bluesky", account))?.version ?? 0);
  }

  async function renew(stale: Held): Promise<Held | Failed> {
    // Another worker may have renewed first: its tokens are newer, and refreshing ours again would fail.
    const latest = await fromStore();
    if (latest && latest.version !== stale.version && latest.session.accessJwt !== stale.session.accessJwt) {
      held = { ...latest, adopted: true };
      return held;
    }
    const refreshed = await client.refreshSession(stale.session.refreshJwt);
    const version = latest?.version ?? 0;
    if (refreshed.ok) return keep(refreshed.value, version);
    if (isRefusal(refreshed.failure)) return create(version);
    return { ok: false, outcome: failureOutcome(refreshed.failure, now()) };
  }

  return {
    /**
     * Runs `call` with the session; when the PDS says the access token expired, renews the session
     * and runs it once more. Every other failure is reduced to an outcome.
     */
    async run<T>(call: (session: Session) => Promise<Xrpc<T>>): Promise<SessionRun<T>> {
      let current = await load();
      if (!current.ok) return current;
      let result = await call(current.session);
      for (let renewals = 0; !result.ok && isExpired(result.failure); renewals++) {
        // Tokens the PDS has just issued, refused again: nothing more an adapter can do. A session
        // adopted from the store may have expired too, and earns one refresh of its own.
        if (renewals === 2 || (renewals === 1 && !current.adopted)) return dead(result.failure);
        current = await renew(current);
        if (!current.ok) return current;
        result = await call(current.session);
      }
      if (!result.ok) return { ok: false, outcome: failureOutcome(result.failure, now()) };
      return { ok: true, value: result.value, session: current.session };
    },
  };
}
