/**
 * The providers' published test vectors and documented examples, both ways: our signer produces the
 * published signature and our verifier accepts it (and refuses it with one byte of the body changed).
 *   GitHub: docs "Validating webhook deliveries", "Testing the webhook payload validation".
 *   Standard Webhooks: the specification repository's library tests (msg_p5jXN8AQM9LWM0D4loKWxJek).
 *   Slack: docs "Verifying requests from Slack", the step-by-step walk-through.
 *   Twilio: docs "Webhooks security" and the RequestValidator tests of twilio-python/php/csharp (token 12345).
 */
import { describe, expect, it } from "vitest";
import { schemeFor } from "../../../test/support/webhook-schemes.js";
import type { WebhookPreset } from "../types.js";
import type { WebhookPayload } from "./delivery.js";
import { signWebhook } from "./sign.js";
import { verifyWebhook } from "./verify.js";

const SLACK_BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const TWILIO_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const TWILIO_FORM = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
const FORM = "application/x-www-form-urlencoded";

interface Vector {
  name: string;
  preset: WebhookPreset;
  secret: string;
  payload: WebhookPayload;
  /** Unix seconds the vector was signed at; its verifier clock is set to it. */
  timestamp?: number;
  id?: string;
  headers: Record<string, string>;
  /** The URL the signed delivery is posted to, where it differs from the payload's (Twilio JSON). */
  signedUrl?: string;
}

const VECTORS: Vector[] = [
  {
    name: "GitHub docs: 'Hello, World!'",
    preset: "github",
    secret: "It's a Secret to Everybody",
    payload: { body: "Hello, World!" },
    headers: { "X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" },
  },
  {
    name: "Standard Webhooks specification test vector",
    preset: "standard-webhooks",
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    payload: { body: '{"test": 2432232314}' },
    timestamp: 1614265330,
    id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    headers: {
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    },
  },
  {
    name: "Slack docs walk-through (slash command)",
    preset: "slack",
    secret: "8f742231b10e8888abcd99yyyzzz85a5",
    payload: { body: SLACK_BODY },
    timestamp: 1531420618,
    headers: {
      "X-Slack-Request-Timestamp": "1531420618",
      "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    },
  },
  {
    name: "Twilio docs: form parameters",
    preset: "twilio",
    secret: "12345",
    payload: { body: TWILIO_FORM, url: TWILIO_URL, contentType: FORM },
    headers: { "X-Twilio-Signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
  },
  {
    name: "Twilio RequestValidator: repeated names, values sorted and deduplicated",
    preset: "twilio",
    secret: "12345",
    payload: {
      body: "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234",
      url: TWILIO_URL,
      contentType: FORM,
    },
    headers: { "X-Twilio-Signature": "IK+Dwps556ElfBT0I3Rgjkr1wJU=" },
  },
  {
    name: "Twilio docs: JSON body through bodySHA256",
    preset: "twilio",
    secret: "12345",
    payload: { body: '{"property": "value", "boolean": true}', url: TWILIO_URL, contentType: "application/json" },
    signedUrl: `${TWILIO_URL}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`,
    headers: { "X-Twilio-Signature": "a9nBmqA0ju/hNViExpshrM61xv4=" },
  },
];

function contentTypeOf(vector: Vector): Record<string, string> {
  return vector.payload.contentType ? { "Content-Type": vector.payload.contentType } : {};
}

describe.each(VECTORS)("$name", (vector) => {
  const scheme = schemeFor(vector.preset);
  const now = () => (vector.timestamp ?? 1_700_000_000) * 1000;
  const url = vector.signedUrl ?? vector.payload.url;

  it("our signer produces the published headers", async () => {
    const signed = await signWebhook(scheme, vector.payload, { secrets: vector.secret, now, id: vector.id });
    expect(signed.headers).toEqual(vector.headers);
    expect(signed.url).toBe(url);
  });

  it("our verifier accepts the published delivery and refuses it with one body byte changed", async () => {
    const headers = { ...vector.headers, ...contentTypeOf(vector) };
    const body = vector.payload.body as string;
    expect(await verifyWebhook(scheme, { headers, body, url }, { secrets: vector.secret, now })).toMatchObject({
      ok: true,
    });
    const tampered = `${body.slice(0, -1)}${body.endsWith("1") ? "2" : "1"}`;
    const refused = await verifyWebhook(scheme, { headers, body: tampered, url }, { secrets: vector.secret, now });
    expect(refused.ok).toBe(false);
  });
});

describe("Twilio's URL forms (twilio-python RequestValidator tests)", () => {
  const scheme = schemeFor("twilio");
  const form = { "Content-Type": FORM };
  const verify = (url: string, signature: string) =>
    verifyWebhook(
      scheme,
      { headers: { ...form, "X-Twilio-Signature": signature }, body: TWILIO_FORM, url },
      { secrets: "12345" },
    );

  it("a signature over the URL with its default port verifies the URL without it", async () => {
    expect((await verify(TWILIO_URL, "kvajT1Ptam85bY51eRf/AJRuM3w=")).ok).toBe(true);
    expect((await verify(TWILIO_URL.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4=")).ok).toBe(true);
  });

  it("a URL with a port verifies a signature over the URL without it, or over the URL as given", async () => {
    expect((await verify(TWILIO_URL.replace(".com", ".com:1234"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).ok).toBe(true);
    const http = TWILIO_URL.replace(".com", ".com:1234").replace("https", "http");
    expect((await verify(http, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).ok).toBe(true);
  });

  it("another path or query does not verify", async () => {
    expect((await verify(TWILIO_URL.replace("foo=1", "foo=2"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).ok).toBe(false);
    expect((await verify(TWILIO_URL.replace("myapp", "other"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).ok).toBe(false);
  });
});
