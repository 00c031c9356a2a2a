/**
 * Validly signed, unique-nonce requests for autocannon, whose `setupRequest` must be synchronous: a pool
 * kept filled by the real async signer (signRequest, the core the generated client uses) in the
 * background, so the load is signed exactly as a client signs it, at the real clock.
 */
import { TEST_KEY_ID, TEST_SECRETS } from "../../../src/emit/test-credentials.js";
import { signRequest } from "../../../templates/runtime/sign.js";
import { schemes } from "../../golden/nextcloud-drf/schemes.js";

export const LOAD_PATH = "/api/v1/integrations/nextcloud/ping/";

export type SignedHeaders = Record<string, string>;

export class SignedPool {
  readonly #ready: SignedHeaders[] = [];
  #counter = 0;
  #filling = false;
  #stopped = false;

  constructor(
    private readonly low = 4000,
    private readonly high = 12000,
  ) {}

  async start(): Promise<void> {
    await this.#fill();
  }

  stop(): void {
    this.#stopped = true;
  }

  /** The next signed request; undefined only if the signer fell behind (counted by the caller as a failure). */
  take(): SignedHeaders | undefined {
    const next = this.#ready.pop();
    if (this.#ready.length < this.low && !this.#filling) void this.#fill();
    return next;
  }

  async #fill(): Promise<void> {
    this.#filling = true;
    try {
      while (!this.#stopped && this.#ready.length < this.high) {
        for (let i = 0; i < 200; i++) this.#ready.push(await signOne(`${process.pid}-${++this.#counter}`));
        // Let autocannon's sockets run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#filling = false;
    }
  }
}

async function signOne(id: string): Promise<SignedHeaders> {
  const nonce = Buffer.from(id.padStart(16, "0").slice(-16)).toString("hex");
  const signed = await signRequest(
    schemes.integrationHmac,
    { method: "GET", url: LOAD_PATH },
    { keyId: TEST_KEY_ID, secret: TEST_SECRETS.base64 },
    { nonce: () => nonce },
  );
  return signed.headers;
}
