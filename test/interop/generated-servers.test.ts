/**
 * The generated node:http and Express servers accept every request the independent Python and PHP signers
 * produce, for each preset, signed on the signer's real clock and sent at once over real HTTP (node:http, so
 * a GET can carry a body). Seed 003: the library's timestamp forms (microseconds, milliseconds, whole
 * seconds; `+00:00`, `Z` and other offsets). Seed 004: a GET with a body, whose hash is the empty body's.
 */
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY_ID, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { PRESET_NAMES, type PresetName } from "../../src/scheme/profiles/template/presets.js";
import type * as ServerModule from "../golden/document-store/server.js";
import { type AdapterName, type RunningServer, startAdapter } from "../support/adapter-servers.js";
import { generateVariant } from "../support/generate-variant.js";
import { presetScheme } from "../support/preset-scheme.js";
import { ReferenceProcess } from "../support/reference-process.js";
import type { ReferenceCase } from "./reference-runner.js";

interface SignedRequest {
  what: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timestampStyle?: string;
}

const JSON_HEADERS = { "content-type": "application/json" };
const METADATA = JSON.stringify({ title: "Grüße", tags: ["a", "b"], pinned: true });

/** Every preset: a JSON POST and a GET with a query (duplicates, `+`, an escape, a blank value). */
const COMMON: SignedRequest[] = [
  { what: "POST JSON", method: "POST", url: "/documents/p1/metadata", headers: JSON_HEADERS, body: METADATA },
  { what: "GET with a query", method: "GET", url: "/search?q=a+b&tag=z&tag=%C3%A9&limit=3&q=", headers: {}, body: "" },
];

/** Seed 003's timestamps: what datetime.isoformat writes at each precision, in UTC and at other offsets. */
const SEED_003_TIMESTAMP_STYLES = [
  "microseconds +00:00",
  "milliseconds +00:00",
  "microseconds Z",
  "milliseconds Z",
  "seconds +00:00",
  "microseconds +05:30",
  "milliseconds -03:00",
];

function requestsFor(preset: PresetName): SignedRequest[] {
  if (preset === "django-hmac-authentication") {
    // The server hashes its re-serialised JSON: JSON bodies, and GETs without one.
    // Each form four times: a request verified in the millisecond it was signed must pass (issue 17).
    return [1, 2, 3, 4].flatMap((round) =>
      SEED_003_TIMESTAMP_STYLES.flatMap((style) => [
        {
          what: `POST JSON, ${style} #${round}`,
          method: "POST",
          url: "/documents/p1/metadata",
          headers: JSON_HEADERS,
          body: METADATA,
          timestampStyle: style,
        },
        { what: `GET, ${style} #${round}`, method: "GET", url: "/search?q=x", headers: {}, body: "", timestampStyle: style },
      ]),
    );
  }
  return COMMON;
}

/** Seed 004: "for GET, hash the empty body" on both sides, whatever body the GET carries. */
const GET_WITH_BODY: SignedRequest = {
  what: "GET with a body",
  method: "GET",
  url: "/search?q=with-body",
  headers: { "content-type": "text/plain" },
  body: "a GET body the hash ignores",
};

function send(baseUrl: string, request: SignedRequest, signature: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(request.body, "utf8");
    const outgoing = httpRequest(
      `${baseUrl}${request.url}`,
      {
        method: request.method,
        headers: { ...request.headers, ...signature, ...(body.length > 0 ? { "content-length": body.length } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const SIGNERS: Array<{ language: "python" | "php"; presets: readonly PresetName[] }> = [
  { language: "python", presets: PRESET_NAMES },
  { language: "php", presets: ["nextcloud-drf", "nextcloud-drf-base64"] },
];
const ADAPTERS: AdapterName[] = ["node", "express"];

describe.each(SIGNERS)("the $language signer", ({ language, presets }) => {
  const signer = new ReferenceProcess(language);
  afterAll(() => signer.close());

  describe.each(presets.map((preset) => ({ preset })))("$preset", ({ preset }) => {
    const scheme = presetScheme(preset);
    const secret = TEST_SECRETS[scheme.secretEncoding];
    const running = new Map<AdapterName, RunningServer>();
    // The same servers with unsignedBody: "pass", which accepts a GET body the way DRF does.
    const passing = new Map<AdapterName, RunningServer>();

    beforeAll(async () => {
      const out = await generateVariant("specs/document-store.yaml", "docsHmac", preset);
      const server = (await import(join(out, "server.ts"))) as typeof ServerModule;
      for (const adapter of ADAPTERS) {
        // The real clock: the signer dates the request now and it is sent at once.
        const verifier = server.createVerifier({ resolveKey: (keyId) => (scheme.keyId && keyId !== TEST_KEY_ID ? undefined : secret) });
        running.set(adapter, await startAdapter(adapter, verifier as never));
        const lenient = server.createVerifier({
          resolveKey: (keyId) => (scheme.keyId && keyId !== TEST_KEY_ID ? undefined : secret),
          unsignedBody: "pass",
        });
        passing.set(adapter, await startAdapter(adapter, lenient as never));
      }
    }, 60_000);
    afterAll(async () => {
      await Promise.all([...running.values(), ...passing.values()].map((server) => server.close()));
    });

    async function signAndSend(
      adapter: AdapterName,
      request: SignedRequest,
      servers: Map<AdapterName, RunningServer> = running,
    ): Promise<{ status: number; text: string }> {
      const signCase: ReferenceCase = {
        op: "sign",
        preset,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body_b64: Buffer.from(request.body, "utf8").toString("base64"),
        secret,
        key_id: TEST_KEY_ID,
        timestamp_style: request.timestampStyle,
      };
      const signed = await signer.ask(signCase);
      if (!("headers" in signed)) throw new Error(`${language} did not sign: ${JSON.stringify(signed)}`);
      const server = servers.get(adapter);
      if (!server) throw new Error(`${adapter} is not running`);
      return send(server.baseUrl, request, signed.headers);
    }

    it.each(ADAPTERS.map((adapter) => ({ adapter })))("the $adapter server accepts every request", async ({ adapter }) => {
      const outcomes: Array<[string, number, string]> = [];
      for (const request of requestsFor(preset)) {
        const { status, text } = await signAndSend(adapter, request);
        outcomes.push([request.what, status, status === 200 ? "" : text]);
      }
      expect(outcomes).toEqual(requestsFor(preset).map((request) => [request.what, 200, ""]));
    });

    if (preset.startsWith("nextcloud-drf")) {
      // Both sides sign the empty body's hash: the signature is good, the body is unsigned content. Refused
      // by default (fail closed, decision 0006); accepted as DRF accepts it with unsignedBody: "pass".
      it.each(ADAPTERS.map((adapter) => ({ adapter })))(
        "the $adapter server takes a GET with a body as configured",
        async ({ adapter }) => {
          const refused = await signAndSend(adapter, GET_WITH_BODY);
          expect([refused.status, refused.text]).toEqual([400, expect.stringContaining("unsigned_body")]);
          const accepted = await signAndSend(adapter, GET_WITH_BODY, passing);
          expect([accepted.status, accepted.text]).toEqual([200, expect.any(String)]);
        },
      );
    }
  });
});
