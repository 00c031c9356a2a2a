/**
 * Every body kind of document-store.yaml (JSON, text, URL-encoded form, multipart with a file, raw bytes)
 * sent by the generated client, signed, over a real socket to the generated typed router: each arrives in
 * its declared media type and reaches the handler as its type says (a Blob is a Blob with the bytes sent).
 * A media type the operation does not declare is 415, a string where a file is declared 400, and a request
 * the verifier refuses never runs a handler.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { TEST_KEY_ID, TEST_NOW_MS, TEST_SECRETS } from "../../src/emit/test-credentials.js";
import { createClient } from "../golden/document-store/client.js";
import { createRouter, type Handlers } from "../golden/document-store/handlers.js";
import { createVerifier } from "../golden/document-store/server.js";
import { type RunningServer, startFetchHandler } from "../support/adapter-servers.js";

const STORED = { id: "00000000-0000-4000-8000-000000000000", bytes: 0 } as const;
interface Seen {
  operation: string;
  contentType: string | null;
  body: unknown;
}
let seen: Seen[] = [];
const record = (operation: string, request: Request, body: unknown) => {
  seen.push({ operation, contentType: request.headers.get("content-type"), body });
  return { status: 200 as const, body: STORED };
};

const handlers: Handlers = {
  status: () => ({ status: 200, body: { up: true } }),
  putMetadata: ({ body, request }) => {
    expectTypeOf(body.title).toEqualTypeOf<string>();
    return record("putMetadata", request, body);
  },
  putNote: ({ body, request }) => {
    expectTypeOf(body).toEqualTypeOf<string>();
    return record("putNote", request, body);
  },
  putForm: ({ body, request }) => record("putForm", request, body),
  upload: ({ body, request }) => {
    expectTypeOf(body.file).toEqualTypeOf<Blob>();
    return record("upload", request, body);
  },
  putRaw: ({ body, request }) => {
    expectTypeOf(body).toEqualTypeOf<Blob>();
    return record("putRaw", request, body);
  },
  search: () => ({ status: 200, body: [] }),
  listShared: () => ({ status: 200, body: [] }),
  purgeTenant: () => ({ status: 204 }),
};

let server: RunningServer;
beforeAll(async () => {
  const verifier = createVerifier({
    resolveKey: (keyId) => (keyId === TEST_KEY_ID ? TEST_SECRETS.base64 : undefined),
    now: () => TEST_NOW_MS,
  });
  server = await startFetchHandler(createRouter(verifier, handlers));
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
});

const api = (secret = TEST_SECRETS.base64) =>
  createClient({ baseUrl: server.baseUrl, credentials: { docsHmac: { keyId: TEST_KEY_ID, secret } }, now: () => TEST_NOW_MS });
const folder = { params: { path: { folder: "f" } } };
const bytes = new Uint8Array([0, 1, 2, 250, 255, 13, 10]);

async function blobBytes(value: unknown): Promise<number[]> {
  expect(value).toBeInstanceOf(Blob);
  return [...new Uint8Array(await (value as Blob).arrayBuffer())];
}

describe("every body kind, client to typed router", () => {
  it("JSON arrives as JSON and is handed parsed", async () => {
    const metadata = { title: "t", tags: ["a", "b"], pinned: true };
    expect((await api().POST("/documents/{folder}/metadata", { ...folder, body: metadata })).response.status).toBe(200);
    expect(seen).toEqual([{ operation: "putMetadata", contentType: "application/json", body: metadata }]);
  });

  it("text/plain arrives as the string itself, not a JSON string", async () => {
    expect((await api().POST("/documents/{folder}/note", { ...folder, body: 'a "note"\n' })).response.status).toBe(200);
    expect(seen).toEqual([{ operation: "putNote", contentType: "text/plain", body: 'a "note"\n' }]);
  });

  it("a URL-encoded form arrives as fields", async () => {
    const { response } = await api().POST("/documents/{folder}/form", { ...folder, body: { title: "a&b=c", body: "ü +" } });
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      { operation: "putForm", contentType: "application/x-www-form-urlencoded", body: { title: "a&b=c", body: "ü +" } },
    ]);
  });

  it("multipart arrives as multipart, from the typed body, with the file's bytes as a Blob", async () => {
    const file = new File([bytes], "scan.bin", { type: "application/octet-stream" });
    const { response } = await api().POST("/documents/{folder}/upload", { ...folder, body: { file, caption: "c" } });
    expect(response.status).toBe(200);
    expect(seen[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const body = seen[0]?.body as { file: File; caption: string };
    expect(await blobBytes(body.file)).toEqual([...bytes]);
    expect(body.file.name).toBe("scan.bin");
    expect(body.caption).toBe("c");
  });

  it("multipart from a FormData the caller built", async () => {
    const form = new FormData();
    form.append("file", new Blob([bytes]));
    const body = form as unknown as { file: Blob };
    expect((await api().POST("/documents/{folder}/upload", { ...folder, body })).response.status).toBe(200);
    expect(await blobBytes((seen[0]?.body as { file?: Blob } | undefined)?.file)).toEqual([...bytes]);
  });

  it("raw bytes arrive as application/octet-stream and are handed as a Blob", async () => {
    expect((await api().PUT("/documents/{folder}/raw", { ...folder, body: new Blob([bytes]) })).response.status).toBe(200);
    expect(seen[0]?.contentType).toBe("application/octet-stream");
    expect(await blobBytes(seen[0]?.body)).toEqual([...bytes]);
  });
});

describe("bodies the operation does not declare", () => {
  it("415 for a signed body in a media type the operation does not declare; no handler runs", async () => {
    const { response } = await api().POST("/documents/{folder}/upload", {
      ...folder,
      body: { file: new Blob([bytes]) },
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(415);
    expect(seen).toEqual([]);
  });

  it("400, never `{}` or a string, where the type says Blob", async () => {
    const body = { file: "not a file" as unknown as Blob };
    expect((await api().POST("/documents/{folder}/upload", { ...folder, body })).response.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("the client refuses a raw body it could only send as `{}`, before any I/O", async () => {
    const body = { not: "bytes" } as unknown as Blob;
    await expect(api().PUT("/documents/{folder}/raw", { ...folder, body })).rejects.toThrow(/application\/octet-stream body must be/);
  });
});

describe("the router runs behind the verifier", () => {
  it("a refused signature (wrong secret) never reaches the handler, whatever the body", async () => {
    const wrong = api(btoa("some other secret, same length!!"));
    const file = new File([bytes], "x.bin");
    expect((await wrong.POST("/documents/{folder}/upload", { ...folder, body: { file } })).response.status).toBe(401);
    const unsigned = await fetch(`${server.baseUrl}/documents/f/raw`, { method: "PUT", body: bytes });
    expect(unsigned.status).toBe(401);
    expect(seen).toEqual([]);
  });
});
