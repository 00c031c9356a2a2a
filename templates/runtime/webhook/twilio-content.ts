/**
 * What Twilio signs (Twilio docs, "Webhooks security"): the full URL the webhook was configured with, then
 * for a form body each POST parameter's name and value, sorted by name, with no delimiters. A repeated name
 * contributes each distinct value once, sorted (twilio-python and twilio-node RequestValidator). A JSON body
 * is not in the signed string: its SHA-256 in hex rides in the URL as `bodySHA256`, which is.
 */
export const FORM_TYPE = "application/x-www-form-urlencoded";

export function isFormType(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === FORM_TYPE;
}

/** The URL followed by the sorted form parameters of `formBody` (WHATWG form decoding: `+` is a space). */
export function twilioFormContent(url: string, formBody: string): string {
  const byName = new Map<string, Set<string>>();
  // forEach, not for-of: lib.dom without DOM.Iterable (a user's `lib: ["ES2022", "DOM"]`) has no URLSearchParams
  // iterator.
  new URLSearchParams(formBody).forEach((value, name) => {
    let values = byName.get(name);
    if (!values) {
      values = new Set();
      byName.set(name, values);
    }
    values.add(value);
  });
  let content = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...(byName.get(name) ?? [])].sort()) content += name + value;
  }
  return content;
}

/** The URL with `bodySHA256=<hex>` appended to its query, as Twilio sends a JSON-bodied webhook. */
export function withBodyHash(url: string, hashHex: string): string {
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  return `${base}${base.includes("?") ? "&" : "?"}bodySHA256=${hashHex}${hash < 0 ? "" : url.slice(hash)}`;
}

/** Every `bodySHA256` value in the URL's query (percent-decoded). */
export function bodyHashParams(url: string): string[] {
  const query = url.split("#")[0]?.split("?").slice(1).join("?") ?? "";
  return new URLSearchParams(query).getAll("bodySHA256");
}

const AUTHORITY = /^(https?):\/\/([^/?#]*@)?(\[[^\]]*\]|[^/?#:]*)(:[0-9]*)?(.*)$/is;

/**
 * The URL as given, without its port, and with the scheme's default port: Twilio may sign either form,
 * and its libraries accept both (twilio-python RequestValidator.validate, remove_port/add_port). Built on
 * the text, not `new URL()`, which would re-encode the path and drop a default port.
 */
export function portVariants(url: string): string[] {
  const match = AUTHORITY.exec(url);
  if (!match) return [url];
  const [, scheme = "", userinfo = "", host = "", port, rest = ""] = match;
  const head = `${scheme}://${userinfo}${host}`;
  if (port !== undefined) return [url, head + rest];
  return [url, `${head}:${scheme.toLowerCase() === "https" ? 443 : 80}${rest}`];
}
