/**
 * The CanonicalURI line: the path as sent, optionally with dot segments removed, URI-encoded per segment.
 *
 * AWS IAM User Guide, "Create a canonical request": "Normalize URI paths according to RFC 3986. Remove
 * redundant and relative path components. Each path segment must be URI-encoded twice (except for
 * Amazon S3 which only gets URI-encoded once)." The path on the wire is already encoded once, so
 * "twice" means encoding the wire form again (`%20` -> `%2520`), exactly as smithy's signature-v4 does.
 * S3's single encoding is the decoded key encoded once: decode the wire form, then encode.
 */
import { uriEncode, uriReencode } from "./uri-encode.js";

export interface PathRule {
  /** Remove `.`, `..` and empty segments (every service but S3). */
  normalizePath: boolean;
  /** Encode the wire form again (every service but S3); otherwise decode and encode once. */
  doubleEncodePath: boolean;
}

export function canonicalUri(rawPath: string, rule: PathRule): string {
  const path = rawPath === "" ? "/" : rawPath;
  const segments = rule.normalizePath ? normalizedSegments(path) : path.split("/");
  // A segment is encoded on its own, so the `/` between segments stays and an encoded `%2F` inside one stays encoded.
  const encode = rule.doubleEncodePath ? uriEncode : uriReencode;
  return segments.map(encode).join("/");
}

/**
 * RFC 3986 §5.2.4 dot-segment removal as the AWS SDKs apply it (smithy `getCanonicalPath`, aws-c-auth
 * `aws_byte_buf_append_normalized_path`): empty segments collapse too, so `//example//` is `/example/`,
 * a leading `/` stays and a trailing `/` stays when anything is left.
 */
function normalizedSegments(path: string): string[] {
  const kept: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") kept.pop();
    else kept.push(segment);
  }
  // Joined with "/": ["", ""] is "/", the root that `/example/..` leaves.
  if (kept.length === 0) return path.startsWith("/") ? ["", ""] : [];
  const leading = path.startsWith("/") ? [""] : [];
  const trailing = kept.length > 0 && path.endsWith("/") ? [""] : [];
  return [...leading, ...kept, ...trailing];
}
