import { type AwsEndpoint, type AwsJsonRequest, awsJsonCall } from "./aws-json-call.js";

/** One call as it goes on the wire: its operation and its input in the service's JSON. */
export interface WireCall {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * Sees, changes or refuses each wire call (tests and the bench's meters: what SDK middleware was
 * for them), and answers the call's wire output.
 */
export type WireInterceptor = (
  call: WireCall,
  next: (call: WireCall) => Promise<Record<string, unknown>>,
) => Promise<Record<string, unknown>>;

/** What an SDK client's resolved config offers to find its endpoint and sign for it. */
interface SdkConfig {
  region(): Promise<string>;
  endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
  endpointProvider(params: Record<string, unknown>): { url: URL };
  useFipsEndpoint(): Promise<boolean>;
  useDualstackEndpoint(): Promise<boolean>;
  signer(): Promise<unknown>;
  maxAttempts(): Promise<number>;
}

/**
 * An SDK client's endpoint, signer and retries, resolved as the SDK resolves them: an `endpoint`
 * option, else `AWS_ENDPOINT_URL_<SERVICE>` (or the shared config's), else the region's, through
 * the service's own endpoint rules; signed by the client's own signer (its credentials and region).
 */
async function endpointOf(config: SdkConfig): Promise<AwsEndpoint> {
  const region = await config.region();
  const option = config.endpoint ? await config.endpoint() : undefined;
  const configured = option
    ? `${option.protocol}//${option.hostname}${option.port ? `:${option.port}` : ""}${option.path}`
    : await (
        config as { serviceConfiguredEndpoint?: () => Promise<string | undefined> }
      ).serviceConfiguredEndpoint?.();
  const { url } = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    ...(configured ? { Endpoint: configured } : {}),
  });
  const signer = (await config.signer()) as AwsEndpoint["signer"];
  return { url: new URL(url.href), signer, maxAttempts: await config.maxAttempts() };
}

/**
 * The wire of an SDK client's service: its calls made with `awsJsonCall`, each through the
 * interceptors added (the last added sees a call first), to the endpoint the client's config names.
 *
 * @example
 * const wire = sdkWire(client.config, (c) => ({ path: "/", headers: {}, body: c.input }));
 * const out = await wire.call({ operation: "GetItem", input });
 */
export function sdkWire(config: SdkConfig, request: (call: WireCall) => AwsJsonRequest) {
  const interceptors: WireInterceptor[] = [];
  let endpoint: Promise<AwsEndpoint> | undefined;
  const resolved = () => {
    endpoint ??= endpointOf(config).catch((error) => {
      endpoint = undefined;
      throw error;
    });
    return endpoint;
  };
  const wire = async (c: WireCall) =>
    (await awsJsonCall(await resolved(), request(c))) as Record<string, unknown>;
  return {
    call(call: WireCall): Promise<Record<string, unknown>> {
      const chain = interceptors.reduce<(c: WireCall) => Promise<Record<string, unknown>>>(
        (next, interceptor) => (c) => interceptor(c, next),
        wire,
      );
      return chain(call);
    },
    intercept(interceptor: WireInterceptor): void {
      interceptors.push(interceptor);
    },
  };
}
