/**
 * explain for RFC 9421: each named mistake made for real by a peer whose signature base is written out
 * here by hand (RFC 9421 §2.5) and signed with node:crypto, so the oracle shares no code with the core;
 * each is named, and the correct signature is not faulted.
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { explainRequest } from "../../src/explain/explain.js";
import { formatExplanation } from "../../src/explain/format.js";
import { RFC9421_MISTAKE_IDS, type Rfc9421MistakeId } from "../../src/explain/rfc9421/mistakes.js";
import type { Rfc9421Scheme } from "../../templates/runtime/types.js";

const SECRET_TEXT = "partner-shared-secret-0123456789";
const SECRET_B64 = Buffer.from(SECRET_TEXT).toString("base64");
const CREATED = 1767225600;
const BODY = '{"name":"widget"}';

const SCHEME: Rfc9421Scheme = {
  profile: "rfc9421",
  name: "partnerSignature",
  algorithm: "sha256",
  secretEncoding: "base64",
  label: "sig1",
  components: ["@method", "@authority", "@path", "@query", "content-digest", "content-type"].map((name) => ({ name, params: [] })),
  parameters: ["created", "keyid", "tag"],
  expiresInSeconds: 300,
  tag: "partner-api",
  contentDigest: "sha-256",
  pastSeconds: 300,
  futureSeconds: 60,
  nonce: null,
  failureStatus: 401,
};

const digestOf = (body: string): string => `sha-256=:${createHash("sha256").update(body).digest("base64")}:`;
const VALUES: Record<string, string> = {
  '"@method"': "POST",
  '"@authority"': "api.example.com",
  '"@path"': "/v1/items",
  '"@query"': "?dry=1",
  '"content-digest"': digestOf(BODY),
  '"content-type"': "application/json",
};
const ALL = Object.keys(VALUES);

interface Peer {
  label?: string;
  /** What its Signature-Input lists. */
  listed?: string[];
  /** The lines its base has (default: what it lists). */
  based?: string[];
  tag?: string;
  key?: Buffer;
  render?: (mac: Buffer) => string;
  /** The Content-Digest it sends and signs (default: the body's). */
  digest?: string;
}

function peerHeaders(peer: Peer): Array<[string, string]> {
  const listed = peer.listed ?? ALL;
  const params = `(${listed.join(" ")});created=${CREATED};keyid="partner-1";tag="${peer.tag ?? "partner-api"}"`;
  const values: Record<string, string> = { ...VALUES, '"content-digest"': peer.digest ?? digestOf(BODY) };
  const base = [...(peer.based ?? listed).map((id) => `${id}: ${values[id]}`), `"@signature-params": ${params}`].join("\n");
  const mac = createHmac("sha256", peer.key ?? Buffer.from(SECRET_B64, "base64"))
    .update(base)
    .digest();
  const label = peer.label ?? "sig1";
  return [
    ["Host", "api.example.com"],
    ["Content-Type", "application/json"],
    ["Content-Digest", peer.digest ?? digestOf(BODY)],
    ["Signature-Input", `${label}=${params}`],
    ["Signature", `${label}=:${(peer.render ?? ((bytes) => bytes.toString("base64")))(mac)}:`],
  ];
}

function explainPeer(peer: Peer, scheme: Rfc9421Scheme = SCHEME, secret = SECRET_B64) {
  return explainRequest({
    scheme,
    request: { method: "POST", url: "/v1/items?dry=1", headers: peerHeaders(peer), body: new TextEncoder().encode(BODY) },
    secret,
    given: {},
  });
}

const UTF8_SCHEME: Rfc9421Scheme = { ...SCHEME, secretEncoding: "utf8" };
const CASES: Array<{ id: Rfc9421MistakeId; peer: Peer; scheme?: Rfc9421Scheme; secret?: string }> = [
  { id: "encoding", peer: { render: (mac) => mac.toString("hex") } },
  { id: "case-lowered", peer: { render: (mac) => mac.toString("base64").toLowerCase() } },
  { id: "case-uppered", peer: { render: (mac) => mac.toString("base64").toUpperCase() } },
  // The secret is base64; this peer keyed its HMAC with the base64 text itself.
  { id: "secret-as-text", peer: { key: Buffer.from(SECRET_B64, "utf8") } },
  // The scheme takes the secret as text; this peer base64-decoded it.
  { id: "secret-decoded", scheme: UTF8_SCHEME, secret: SECRET_B64, peer: { key: Buffer.from(SECRET_B64, "base64") } },
  { id: "label", peer: { label: "sig2" } },
  { id: "component-missing", peer: { listed: ALL.filter((id) => id !== '"@query"') } },
  { id: "header-unsigned", peer: { listed: ALL.filter((id) => id !== '"content-type"') } },
  { id: "base-line-missing", peer: { based: ALL.filter((id) => id !== '"@path"') } },
  { id: "parameter", peer: { tag: "partner-api-v0" } },
  // Signed over the digest of the body it meant to send; the body that arrived is another.
  { id: "content-digest", peer: { digest: digestOf('{"name":"gadget"}') } },
];

describe("explain for rfc9421 names each known mistake", () => {
  it("covers every mistake id", () => {
    expect(new Set(CASES.map((testCase) => testCase.id))).toEqual(new Set(RFC9421_MISTAKE_IDS));
  });

  it.each(CASES)("$id fires on the mistaken peer's signature", async ({ id, peer, scheme, secret }) => {
    const explanation = await explainPeer(peer, scheme, secret);
    expect(explanation.received?.matches).toBe(false);
    expect(explanation.received?.findings[0]?.mistakes.map((mistake) => mistake.id)).toEqual([id]);
  });

  it.each(CASES)("$id does not fire on the correct signature", async ({ scheme, secret }) => {
    // Under the utf8 scheme the right key is the secret's text.
    const right: Peer = scheme === UTF8_SCHEME ? { key: Buffer.from(SECRET_B64, "utf8") } : {};
    const explanation = await explainPeer(right, scheme, secret);
    expect(explanation.received).toMatchObject({ matches: true, findings: [] });
  });

  it("names nothing for a signature no known mistake produces", async () => {
    const explanation = await explainPeer({ key: Buffer.from("another key entirely") });
    expect(explanation.received).toMatchObject({ matches: false, findings: [] });
  });

  it("combines mistakes: the secret as text and hex output", async () => {
    const explanation = await explainPeer({ key: Buffer.from(SECRET_B64, "utf8"), render: (mac) => mac.toString("hex") });
    expect(explanation.received?.findings[0]?.mistakes.map((mistake) => mistake.id)).toEqual(["secret-as-text", "encoding"]);
  });
});

describe("explain for rfc9421 shows each step", () => {
  it("prints the covered components, the signature base and the signature, never the secret", async () => {
    const explanation = await explainPeer({});
    const text = formatExplanation(explanation);
    expect(explanation.signature.value).toBe(
      createHmac("sha256", Buffer.from(SECRET_B64, "base64"))
        .update(
          [
            ...ALL.map((id) => `${id}: ${VALUES[id]}`),
            `"@signature-params": (${ALL.join(" ")});created=${CREATED};keyid="partner-1";tag="partner-api"`,
          ].join("\n"),
        )
        .digest("base64"),
    );
    expect(text).toContain('   "@query": ?dry=1');
    expect(text).toContain(`   computed   ${digestOf(BODY)}`);
    expect(text).toContain('as one string: ""@method": POST\\n"@authority": api.example.com\\n');
    expect(text).toContain("MATCHES the signature computed above.");
    expect(text).not.toContain(SECRET_B64);
    expect(text).not.toContain(SECRET_TEXT);
  });
});
