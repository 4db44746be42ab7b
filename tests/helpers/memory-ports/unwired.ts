/**
 * A port a flow under test should not reach: any call throws and names the port, so a test that
 * needs it says so by passing one in, instead of silently getting a do-nothing stub.
 */
export function unwired<T extends object>(port: string): T {
  return new Proxy({} as T, {
    get(_target, method) {
      // `then` is probed by `await`: the port itself is not a promise.
      if (method === "then") return undefined;
      return () => {
        throw new Error(
          `ports.${port}.${String(method)} is not wired in memoryPorts(); pass it in overrides`,
        );
      };
    },
  });
}
