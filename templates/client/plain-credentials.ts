/**
 * Security schemes that are not x-hmac, sent as OpenAPI declares them (OpenAPI 3.1 §4.8.27): an apiKey
 * in a header, query parameter or cookie; http bearer/basic (RFC 6750, RFC 7617); oauth2 and
 * openIdConnect tokens as bearer tokens. They are applied before signing, so a scheme that signs the
 * API key (django-api-key) covers the value that is sent.
 */
import { appendQueryParam, toBase64, utf8 } from "../runtime/index.js";

export type PlainScheme =
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: "http"; scheme: string }
  | { type: "oauth2" | "openIdConnect" };

export interface BasicCredentials {
  username: string;
  password: string;
}

/** The value for a plain scheme: the key or token, or a username and password for http basic. */
export type PlainCredential = string | BasicCredentials;

export function isPlainCredential(scheme: PlainScheme, value: unknown): value is PlainCredential {
  if (scheme.type === "http" && scheme.scheme === "basic") {
    const basic = value as Partial<BasicCredentials> | undefined;
    // RFC 7617 §2: the user-id cannot contain a colon; the server would split it in the wrong place.
    return typeof basic?.username === "string" && !basic.username.includes(":") && typeof basic.password === "string";
  }
  return typeof value === "string" && value !== "";
}

/** Adds the credential to the headers or returns the URL with it; the input URL when it is unchanged. */
export function applyPlainCredential(
  scheme: PlainScheme,
  value: PlainCredential,
  url: string,
  headers: Headers,
): string {
  if (scheme.type === "apiKey") {
    const text = typeof value === "string" ? value : "";
    if (scheme.in === "header") headers.set(scheme.name, text);
    else if (scheme.in === "query") return appendQueryParam(url, scheme.name, text);
    else
      headers.set(
        "cookie",
        [headers.get("cookie"), `${scheme.name}=${encodeURIComponent(text)}`].filter(Boolean).join("; "),
      );
    return url;
  }
  if (scheme.type === "http" && scheme.scheme === "basic") {
    const basic = value as BasicCredentials;
    headers.set("authorization", `Basic ${toBase64(utf8(`${basic.username}:${basic.password}`))}`);
    return url;
  }
  const label = scheme.type === "http" && scheme.scheme !== "bearer" ? capitalise(scheme.scheme) : "Bearer";
  headers.set("authorization", `${label} ${typeof value === "string" ? value : ""}`);
  return url;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
