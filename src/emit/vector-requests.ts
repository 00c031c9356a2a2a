/**
 * The requests golden vectors cover for each scheme: one per operation of the spec that uses the scheme
 * (spec-vector-request.ts: its servers path, parameters and media type), then fixed edge cases where implementations of a canonicalisation rule usually disagree (seed 004's
 * query rules: duplicate keys, `+`, `%7E` vs `~`, blanks; unicode path segments; JSON and empty bodies;
 * trailing slashes).
 */
import type { Operation } from "../spec/model.js";
import { specVectorRequest } from "./spec-vector-request.js";
import type { VectorRequest } from "./vector-request.js";

export type { VectorRequest } from "./vector-request.js";

const EDGE_CASES: VectorRequest[] = [
  { description: "duplicate query keys, unsorted", method: "GET", url: "/vectors/items/?b=2&a=1&a=0", headers: {}, body: "" },
  { description: "plus and %20 in the query", method: "GET", url: "/vectors/search/?q=a+b&r=a%20b", headers: {}, body: "" },
  { description: "%7E versus ~", method: "GET", url: "/vectors/search/?t=%7Euser&u=~user", headers: {}, body: "" },
  { description: "blank values and a bare key", method: "GET", url: "/vectors/search/?empty=&bare&x=1", headers: {}, body: "" },
  {
    description: "reserved characters encoded",
    method: "GET",
    url: "/vectors/search/?path=%2Fa%2Fb&amp=%26&eq=a%3Db",
    headers: {},
    body: "",
  },
  { description: "unicode path segment", method: "GET", url: "/vectors/files/caf%C3%A9/na%C3%AFve.txt", headers: {}, body: "" },
  { description: "trailing slash", method: "GET", url: "/vectors/trailing/", headers: {}, body: "" },
  { description: "no trailing slash", method: "GET", url: "/vectors/trailing", headers: {}, body: "" },
  {
    description: "JSON body",
    method: "POST",
    url: "/vectors/orders/",
    headers: { "Content-Type": "application/json" },
    body: '{"item":"widget","qty":3}',
  },
  {
    description: "JSON body with spacing, floats, non-ASCII and integer-like keys",
    method: "POST",
    url: "/vectors/orders/",
    headers: { "Content-Type": "application/json" },
    body: '{ "name": "Zoë", "2": 1.0, "1": [1e2, -0.5] }',
  },
  { description: "empty POST body", method: "POST", url: "/vectors/empty/", headers: {}, body: "" },
  { description: "lower-case method", method: "delete", url: "/vectors/items/7", headers: {}, body: "" },
];

export function vectorRequests(operations: readonly Operation[], schemeName: string, document: Record<string, unknown>): VectorRequest[] {
  const fromSpec = operations
    .filter((operation) => operation.security.some((alternative) => alternative.includes(schemeName)))
    .slice(0, 20)
    .map((operation) => specVectorRequest(document, operation));
  return [...fromSpec, ...EDGE_CASES];
}
