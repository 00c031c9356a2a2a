/**
 * The template profile's part of the x-hmac model (DESIGN §4) as rules: every knob, its allowed values and what it means.
 */
import { TEMPLATE_FIELDS, templatePieces } from "../../../../templates/runtime/template/header-template.js";
import { didYouMean } from "../../did-you-mean.js";
import { bool, type CustomIssue, int, obj, oneOfValues, type Rule, str } from "../../rules.js";
import { PRESET_NAMES } from "./preset-names.js";

export const HASH_ALGORITHMS = ["sha256", "sha384", "sha512", "sha1"] as const;
export const DIGEST_ENCODINGS = ["hex", "HEX", "base64", "base64url"] as const;
export const PLAIN_COMPONENTS = [
  "method",
  "path",
  "query",
  "timestamp",
  "nonce",
  "keyId",
  "bodyHash",
  "body",
  "secret",
  "signedHeaders",
] as const;

/** RFC 9110 §5.6.2 token characters, for header names. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const HEADER_NAME = new RegExp(`^${TOKEN}$`);

const headerName = str({ pattern: `^${TOKEN}$`, description: "An HTTP header name (RFC 9110 token)." });

function checkComponent(value: string): CustomIssue | undefined {
  if ((PLAIN_COMPONENTS as readonly string[]).includes(value) || value.startsWith("literal:")) return undefined;
  if (value.startsWith("header:")) {
    return HEADER_NAME.test(value.slice(7))
      ? undefined
      : { code: "E_XHMAC_COMPONENT", message: `"${value}" does not name a valid header`, hint: 'write it as "header:X-Api-Key"' };
  }
  return {
    code: "E_XHMAC_COMPONENT",
    message: `"${value}" is not a stringToSign component`,
    hint:
      didYouMean(value, [...PLAIN_COMPONENTS, "header:", "literal:"]) ??
      `use one of ${PLAIN_COMPONENTS.join(", ")}, header:<name>, literal:<text>`,
  };
}

export function checkTemplate(value: string): CustomIssue | undefined {
  const odd = /\{([^}]*)\}/g.exec(value.replace(/\{[A-Za-z]+\}/g, ""));
  if (odd) {
    return {
      code: "E_XHMAC_TEMPLATE",
      message: `unknown placeholder {${odd[1]}}`,
      hint: didYouMean(odd[1] ?? "", TEMPLATE_FIELDS) ?? `placeholders are ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(", ")}`,
    };
  }
  const pieces = templatePieces(value);
  const fields = pieces.flatMap((piece) => ("field" in piece ? [piece.field] : []));
  for (const field of fields) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(field)) {
      return {
        code: "E_XHMAC_TEMPLATE",
        message: `unknown placeholder {${field}}`,
        hint: didYouMean(field, TEMPLATE_FIELDS) ?? `placeholders are ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(", ")}`,
      };
    }
  }
  if (!fields.includes("signature")) {
    return {
      code: "E_XHMAC_TEMPLATE",
      message: "the template has no {signature}",
      hint: 'for example "{signature}" or "sha256={signature}"',
    };
  }
  if (new Set(fields).size !== fields.length) return { code: "E_XHMAC_TEMPLATE", message: "a placeholder appears twice" };
  for (let i = 0; i + 1 < pieces.length; i++) {
    if ("field" in (pieces[i] ?? {}) && "field" in (pieces[i + 1] ?? {})) {
      return {
        code: "E_XHMAC_TEMPLATE",
        message: "two placeholders touch, so the verifier cannot tell where one ends",
        hint: 'put a separator between them, as in "{keyId};{signature}"',
      };
    }
  }
  return undefined;
}

const carrierIn = oneOfValues(
  ["header", "query", "signature"],
  "Where the value travels: a header, a query parameter, or inside the signature template.",
);

const none = str({ enum: ["none"], description: "Turns this part off." });

/** The template profile's knobs; model-rules.ts puts them beside the profile selector and the profiles' blocks. */
export const TEMPLATE_RULES: Record<string, Rule> = {
  preset: str({
    enum: PRESET_NAMES,
    enumCode: "E_XHMAC_PRESET",
    description: "A named scheme for a known system; the other knobs override it.",
  }),
  algorithm: {
    type: "oneOf",
    description: "The HMAC hash, fixed, or chosen per request by the {algorithm} template token.",
    options: [
      oneOfValues(HASH_ALGORITHMS),
      obj(
        {
          default: oneOfValues(HASH_ALGORITHMS, "What the signer uses."),
          accept: { type: "array", items: oneOfValues(HASH_ALGORITHMS), minItems: 1, description: "What the verifier accepts." },
        },
        { required: ["default"] },
      ),
    ],
  },
  secret: obj({ encoding: oneOfValues(["utf8", "base64", "hex"], "How the secret text becomes key bytes.") }),
  keyId: {
    type: "oneOf",
    description: "Where the key id travels, or none.",
    options: [none, obj({ in: carrierIn, name: headerName }, { required: ["in"] })],
  },
  timestamp: {
    type: "oneOf",
    options: [
      none,
      obj(
        {
          in: carrierIn,
          name: headerName,
          format: oneOfValues(["unix", "unix-ms", "iso8601", "http-date"]),
          fractionDigits: int({ enum: [0, 3, 6], description: "iso8601: digits after the seconds." }),
          utcSuffix: oneOfValues(["Z", "+00:00"], "iso8601: how the signer writes UTC."),
          tolerance: obj({
            past: int({ minimum: 0, maximum: 86_400, description: "Seconds a request may be old." }),
            future: int({ minimum: 0, maximum: 86_400, description: "Seconds a request may be ahead." }),
          }),
        },
        {},
      ),
    ],
  },
  nonce: {
    type: "oneOf",
    options: [
      none,
      obj({
        in: carrierIn,
        name: headerName,
        bytes: int({ minimum: 8, maximum: 64, description: "Random bytes per nonce." }),
        encoding: oneOfValues(DIGEST_ENCODINGS),
        ttl: int({ minimum: 1, maximum: 604_800, description: "Seconds a nonce is remembered." }),
      }),
    ],
  },
  replay: oneOfValues(
    ["nonce", "signature"],
    "What a replay is recognised by. nonce (default): a nonce is accepted once per scope. signature: each verified signature is accepted once while its timestamp is fresh, through the same replay store (memory or Redis); for schemes without a nonce (aws-sigv4, django-hmac-authentication, django-api-key). Needs a timestamp.",
  ),
  body: obj({
    hash: obj({
      algorithm: oneOfValues([...HASH_ALGORITHMS, "signature"], "Digest for bodyHash; signature = the HMAC's algorithm."),
      encoding: oneOfValues(DIGEST_ENCODINGS),
    }),
    empty: oneOfValues(["hash", "empty-string"], "An empty body: hash the empty string, or contribute nothing."),
    json: oneOfValues(["as-sent", "python-compact"], "Hash the exact bytes, or Python's compact re-serialisation of the JSON."),
    emptyFor: {
      type: "array",
      items: str({
        pattern: "^[A-Z]+$",
        check: (value) =>
          /^[A-Z]+$/.test(value)
            ? undefined
            : { code: "E_XHMAC_VALUE", message: `"${value}" is not an upper-case HTTP method`, hint: 'write it as "GET"' },
      }),
      description:
        "Methods whose body is signed as empty bytes whatever arrives (seed 004: GET). The verifier refuses such a body (400 unsigned_body) unless the server sets unsignedBody: pass.",
    },
  }),
  path: obj({
    form: oneOfValues(["as-sent", "decoded", "reencoded"], "The raw path, Django's decoded request.path, or RFC 3986 re-encoded."),
  }),
  query: obj({
    form: oneOfValues(["as-sent", "canonical"]),
    plus: oneOfValues(["space", "literal"]),
    safe: str({ pattern: "^[-_.~!$'()*,;:@/?]*$", description: "Characters besides ALPHA/DIGIT left unencoded." }),
    hexCase: oneOfValues(["upper", "lower"]),
    sort: bool("Sort pairs by encoded key, then encoded value."),
    blanks: oneOfValues(["keep", "drop"]),
  }),
  stringToSign: obj({
    components: {
      type: "array",
      minItems: 1,
      items: str({
        pattern: `^(${PLAIN_COMPONENTS.join("|")})$|^header:${TOKEN}$|^literal:`,
        check: checkComponent,
      }),
    },
    separator: str({ description: "Joins the components." }),
  }),
  signature: obj({
    encoding: oneOfValues(DIGEST_ENCODINGS),
    in: oneOfValues(["header", "query"]),
    name: headerName,
    template: str({ check: checkTemplate, minLength: 1, description: "e.g. {signature} or {algorithm} {keyId};{signature};{timestamp}" }),
    prefix: str({
      pattern: "^[^{}]*$",
      check: (value) =>
        /[{}]/.test(value)
          ? { code: "E_XHMAC_TEMPLATE", message: "a prefix is literal text; placeholders belong in signature.template" }
          : undefined,
      description: "Shorthand for the template <prefix>{signature}, e.g. sha256=.",
    }),
    caseInsensitive: bool("Hex only: the scheme defines the signature's case as insignificant."),
  }),
  aliases: { type: "map", values: { type: "array", items: headerName }, description: "Legacy header names the verifier also accepts." },
  signedHeaders: { type: "array", items: headerName, description: "Headers the signedHeaders component covers." },
  failureStatus: int({ enum: [401, 403] }),
};
