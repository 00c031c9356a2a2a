/**
 * The `rfc9421` block of x-hmac (`profile: rfc9421`): RFC 9421 HTTP Message Signatures with hmac-sha256.
 * Its defaults are in defaults.ts beside it; what does not fit together is checked in resolve.ts.
 */
import { DERIVED_COMPONENTS } from "../../../../templates/runtime/rfc9421/components.js";
import { parseItem } from "../../../../templates/runtime/rfc9421/structured-fields.js";
import { didYouMean } from "../../did-you-mean.js";
import { type CustomIssue, int, obj, oneOfValues, type Rule, str } from "../../rules.js";

export const RFC9421_PARAMETERS = ["created", "expires", "nonce", "alg", "keyid", "tag"] as const;

/** The runtime's DigestEncoding (model-rules.ts imports this file, so its list cannot be imported here). */
const NONCE_ENCODINGS = ["hex", "HEX", "base64", "base64url"] as const;

/** What an author writes in `rfc9421:` (validated by RFC9421_RULE). */
export interface Rfc9421Input {
  label?: string;
  components?: string[];
  parameters?: Array<(typeof RFC9421_PARAMETERS)[number]>;
  expiresIn?: number;
  tag?: string;
  contentDigest?: "sha-256" | "sha-512";
  tolerance?: { past?: number; future?: number };
  nonce?: { bytes?: number; encoding?: (typeof NONCE_ENCODINGS)[number]; ttl?: number };
}

/** RFC 9110 §5.6.2 token characters; RFC 9421 §2.1 writes field names in lower case. */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The fields that carry the signature cannot be covered by it. */
const SIGNATURE_FIELDS = ["signature", "signature-input"];

/**
 * A component as an author writes it: `@method`, `content-type`, `@query-param;name="id"`. The text is read
 * as the RFC 8941 Item it stands for (the name quoted), so the parameters follow RFC 9421 §2.1 exactly.
 */
export function checkRfc9421Component(value: string): CustomIssue | undefined {
  const semicolon = value.indexOf(";");
  const name = semicolon < 0 ? value : value.slice(0, semicolon);
  const params = semicolon < 0 ? "" : value.slice(semicolon);
  if (name.startsWith("@")) {
    if (name === "@status") return { code: "E_XHMAC_COMPONENT", message: "@status exists only on responses; these are request signatures" };
    if (name === "@signature-params") {
      return { code: "E_XHMAC_COMPONENT", message: "@signature-params is always the last line of the signature base; it is not listed" };
    }
    if (!(DERIVED_COMPONENTS as readonly string[]).includes(name)) {
      return {
        code: "E_XHMAC_COMPONENT",
        message: `"${name}" is not an RFC 9421 derived component`,
        hint: didYouMean(name, DERIVED_COMPONENTS) ?? `use one of ${DERIVED_COMPONENTS.join(", ")} or a header field name`,
      };
    }
  } else if (!FIELD_NAME.test(name)) {
    return {
      code: "E_XHMAC_COMPONENT",
      message: `"${value}" is neither a derived component nor a header field name`,
      hint: didYouMean(name, DERIVED_COMPONENTS) ?? "write a field name such as content-type, or a derived component such as @path",
    };
  } else if (SIGNATURE_FIELDS.includes(name.toLowerCase())) {
    return { code: "E_XHMAC_COMPONENT", message: `${name} carries the signature, so the signature cannot cover it` };
  }
  const item = parseItem(`"${name}"${params}`);
  if (!item) {
    return {
      code: "E_XHMAC_COMPONENT",
      message: `"${value}" is not a component identifier`,
      hint: 'parameters look like @query-param;name="id"',
    };
  }
  if (name === "@query-param") {
    const nameParam = item.params.find(([key]) => key === "name")?.[1];
    if (nameParam?.type !== "string" || item.params.length !== 1) {
      return {
        code: "E_XHMAC_COMPONENT",
        message: "@query-param needs exactly one parameter, name, as a quoted string (RFC 9421 §2.2.8)",
        hint: 'write @query-param;name="id"',
      };
    }
    return undefined;
  }
  if (item.params.length > 0) {
    return {
      code: "E_XHMAC_COMPONENT",
      message: `component parameters (${item.params.map(([key]) => key).join(", ")}) are supported only as name on @query-param`,
      hint: `cover the field as it is: "${name}"`,
    };
  }
  return undefined;
}

const seconds = (description: string, maximum = 86_400) => int({ minimum: 0, maximum, description });

export const RFC9421_RULE: Rule = obj(
  {
    label: str({
      pattern: "^[a-z*][a-z0-9_.*-]*$",
      description: "The signature's label in Signature-Input and Signature (an RFC 8941 key, e.g. sig1). Default sig1.",
    }),
    components: {
      type: "array",
      minItems: 1,
      items: str({
        check: checkRfc9421Component,
        description: 'A derived component (@method, @query-param;name="id", ...) or a header field.',
      }),
      description:
        "Covered components, in order (RFC 9421 §2). The verifier requires each one; content-digest covers the body. Default @method, @authority, @path, @query, content-digest.",
    },
    parameters: {
      type: "array",
      items: oneOfValues(RFC9421_PARAMETERS),
      description: "Signature parameters, in the order the signer writes them (RFC 9421 §2.3). Default created, nonce, keyid.",
    },
    expiresIn: int({ minimum: 1, maximum: 604_800, description: "expires = created + this many seconds. Default 300." }),
    tag: str({
      pattern: "^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$",
      description: "The application tag the signer writes and the verifier requires (needs tag in parameters).",
    }),
    contentDigest: oneOfValues(
      ["sha-256", "sha-512"],
      "The Content-Digest algorithm (RFC 9530) when content-digest is covered. Default sha-256.",
    ),
    tolerance: obj(
      {
        past: seconds("Seconds created may be older than the verifier's clock. Default 300."),
        future: seconds("Seconds created may be ahead of the verifier's clock. Default 300."),
      },
      { description: "The window created must fall in." },
    ),
    nonce: obj(
      {
        bytes: int({ minimum: 8, maximum: 64, description: "Random bytes per nonce. Default 16." }),
        encoding: oneOfValues(NONCE_ENCODINGS, "How the nonce bytes are written. Default hex."),
        ttl: int({ minimum: 1, maximum: 604_800, description: "Seconds a nonce is remembered; at least past + future." }),
      },
      { description: "The nonce parameter (needs nonce in parameters)." },
    ),
  },
  { description: "RFC 9421 HTTP Message Signatures with hmac-sha256 (profile: rfc9421). Signature-Input and Signature carry it." },
);
