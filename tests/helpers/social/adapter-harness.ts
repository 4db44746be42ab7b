import { afterEach, beforeEach } from "vitest";
import type { AdapterOptions } from "../../../functions/adapters/social/common/adapter-options.js";
import type { Loopback, SeenRequest } from "./loopback.js";
import { type MemoryCredentials, memoryCredentials } from "./memory-credentials.js";

/** What a test may set on one adapter besides its settings: the clock, the wire, a network's own knobs. */
export type AdapterExtras<Options> = Partial<Omit<Options, "settings" | "credentials">>;

export interface AdapterHarness<Fake, Options extends AdapterOptions<unknown>, Adapter> {
  /** This test's fake network: a new server for every test. */
  readonly fake: Fake;
  /** This test's credential store, shared by every adapter the test makes, as workers share the table. */
  readonly credentials: MemoryCredentials;
  /** A new adapter, as a new Lambda invocation makes one: settings that point at the fake, `overrides` on top. */
  adapter(overrides?: Partial<Options["settings"]>, extras?: AdapterExtras<Options>): Adapter;
  /** The requests the fake saw whose path starts with (or matches) `path`, of any method unless given. */
  requests(path: string | RegExp, method?: string): SeenRequest[];
}

/**
 * Registers a fresh fake server and credential store for every test of the enclosing `describe`
 * (or file), and builds adapters against them: the setup every adapter test shares.
 * `settingsOf` says how the network's settings point at its fake; `defaults` are the clock and
 * timeout each adapter gets unless the test says otherwise.
 *
 * @example
 * const x = adapterHarness(startXFake, createXAdapter, (fake) => ({ apiUrl: fake.url, … }), { timeoutMs: 1_000 });
 * it("posts", async () => {
 *   await x.adapter().publish(publishRequest("x"));
 *   expect(x.fake.posts).toHaveLength(1);
 * });
 */
export function adapterHarness<Fake extends Loopback, Options extends AdapterOptions<unknown>, Adapter>(
  startFake: () => Promise<Fake>,
  createAdapter: (options: Options) => Adapter,
  settingsOf: (fake: Fake) => Options["settings"],
  defaults: AdapterExtras<Options> = {},
): AdapterHarness<Fake, Options, Adapter> {
  let current: { fake: Fake; credentials: MemoryCredentials } | undefined;
  beforeEach(async () => {
    current = { fake: await startFake(), credentials: memoryCredentials() };
  });
  afterEach(async () => {
    await current?.fake.close();
    current = undefined;
  });
  // Reading the fake outside a test is a mistake in the test, not a missing server to start.
  const test = () => {
    if (!current) throw new Error("an adapter harness is only usable inside a test");
    return current;
  };
  const settings = (overrides: Partial<Options["settings"]> = {}): Options["settings"] => ({
    ...(settingsOf(test().fake) as object),
    ...overrides,
  });
  return {
    get fake() {
      return test().fake;
    },
    get credentials() {
      return test().credentials;
    },
    // A network's own options (Threads' container polling) are all optional, so the defaults complete them.
    adapter: (overrides = {}, extras = {}) =>
      createAdapter({
        now: () => new Date(),
        ...defaults,
        ...extras,
        settings: settings(overrides),
        credentials: test().credentials,
      } as unknown as Options),
    requests: (path, method) =>
      test().fake.requests.filter(
        (r) =>
          (method === undefined || r.method === method) &&
          (typeof path === "string" ? r.path.startsWith(path) : path.test(r.path)),
      ),
  };
}
