/**
 * The headers CloudFront adds in front of the API (infra/constructs/edge.ts) and the API reads
 * (functions/api/client-address.ts): one definition for both sides of that contract.
 */

/** Set by the edge's CloudFront Function to the viewer's address. */
export const CLIENT_IP_HEADER = "x-herald-client-ip";
/** Sent by CloudFront with every origin request; its value is `HERALD_EDGE_ORIGIN_SECRET`. */
export const EDGE_ORIGIN_HEADER = "x-herald-edge";
