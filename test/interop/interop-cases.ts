/**
 * Requests every preset is checked on against the reference implementations: the golden-vector edge
 * cases plus the ones the issue names (duplicate query keys, +, %7E vs ~, blank values, unicode path
 * segments, JSON and empty bodies, trailing slashes).
 */
import { type VectorRequest, vectorRequests } from "../../src/emit/vector-requests.js";

export type InteropRequest = VectorRequest;

const EXTRA: InteropRequest[] = [
  { description: "numeric-looking keys sort as strings", method: "GET", url: "/x/?10=a&9=b&9=a", headers: {}, body: "" },
  { description: "encoded unicode query", method: "GET", url: "/x/?city=Z%C3%BCrich&q=%E2%82%AC+5", headers: {}, body: "" },
  { description: "encoded slash and space in path", method: "GET", url: "/files/a%20b/c%2Bd/", headers: {}, body: "" },
  {
    description: "PUT with JSON array",
    method: "PUT",
    url: "/items/1/",
    headers: { "Content-Type": "application/json" },
    body: '[1,"two",{"3":null}]',
  },
  {
    description: "JSON with escapes and nested objects",
    method: "PATCH",
    url: "/items/1/?dry_run=1",
    headers: { "Content-Type": "application/json" },
    body: '{"text":"line\\nbreak \\"quoted\\" \\u00e9 \\ud83d\\ude00","nested":{"b":[true,false,null],"a":-12.50}}',
  },
];

export function interopRequests(): InteropRequest[] {
  return [...vectorRequests([], "", {}), ...EXTRA];
}
