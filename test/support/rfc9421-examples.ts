/**
 * RFC 9421 Appendix B: the example request, the shared secret and the hmac-sha256 answer (B.2.5), for the
 * core's known-answer test and the sign command's.
 */
import type { RequestDescription, Rfc9421Scheme } from "../../templates/runtime/types.js";

/** Appendix B.1.5: the shared secret `test-shared-secret`, base64. */
export const TEST_SHARED_SECRET = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

/** Appendix B.2: the test request (Host and the request-target stand for the absolute URL). */
export const TEST_REQUEST: RequestDescription = {
  method: "POST",
  url: "/foo?param=Value&Pet=dog",
  headers: [
    ["Host", "example.com"],
    ["Date", "Tue, 20 Apr 2021 02:07:55 GMT"],
    ["Content-Type", "application/json"],
    ["Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"],
    ["Content-Length", "18"],
  ],
  body: new TextEncoder().encode('{"hello": "world"}'),
};

/** 2021-04-20T02:07:55Z, the instant of the test request's Date. */
export const TEST_CREATED = 1618884473;

/** Appendix B.2.5: label sig-b25 over date, @authority and content-type, with created and keyid. */
export const B25_SCHEME: Rfc9421Scheme = {
  profile: "rfc9421",
  name: "sigB25",
  algorithm: "sha256",
  secretEncoding: "base64",
  label: "sig-b25",
  components: [
    { name: "date", params: [] },
    { name: "@authority", params: [] },
    { name: "content-type", params: [] },
  ],
  parameters: ["created", "keyid"],
  expiresInSeconds: 300,
  tag: null,
  contentDigest: "sha-512",
  pastSeconds: 300,
  futureSeconds: 300,
  nonce: null,
  failureStatus: 401,
};

export const B25_SIGNATURE_INPUT = 'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"';
export const B25_SIGNATURE = "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:";
export const B25_SIGNATURE_BASE = [
  '"date": Tue, 20 Apr 2021 02:07:55 GMT',
  '"@authority": example.com',
  '"content-type": application/json',
  '"@signature-params": ("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
].join("\n");
