/** One request a golden vector signs: its inputs as a peer's signer receives them. */
export interface VectorRequest {
  description: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** UTF-8 text of the body; empty for none. */
  body: string;
}
