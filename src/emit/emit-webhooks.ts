/**
 * webhooks.ts: for each webhook (OpenAPI 3.1 `webhooks`) and callback whose security names a
 * `profile: webhook` scheme, a receiver whose handler gets the payload typed from schema.ts (as
 * openapi-typescript emits `webhooks`), and the provider's typed `send…Webhook` / `sign…Webhook`. A webhook
 * with no webhook scheme gets no receiver: a delivery nothing signs cannot be told from a forged one.
 */
import type { WebhookScheme } from "../../templates/runtime/types.js";
import type { WebhookOperation } from "../spec/model.js";
import { type GeneratedFile, tsBanner } from "./banner.js";
import { commentText, stringLiteral } from "./escape.js";
import { PRINT_WIDTH, printEntries } from "./ts-value.js";

export interface SignedWebhook {
  operation: WebhookOperation;
  scheme: WebhookScheme;
  /** Identifier stem: `push` gives pushReceiver, sendPushWebhook, signPushWebhook and PushPayload. */
  stem: string;
  mediaType: string | undefined;
}

/** The webhooks a receiver can be generated for: those whose first alternative naming a webhook scheme exists. */
export function signedWebhooks(operations: readonly WebhookOperation[], schemes: readonly WebhookScheme[]): SignedWebhook[] {
  const byName = new Map(schemes.map((scheme) => [scheme.name, scheme]));
  const taken = new Set<string>();
  const found: SignedWebhook[] = [];
  for (const operation of operations) {
    const scheme = operation.security
      .flat()
      .map((name) => byName.get(name))
      .find((candidate) => candidate !== undefined);
    if (!scheme) continue;
    const base = identifierStem(
      operation.kind === "webhook" && operation.method !== "POST" ? `${operation.name} ${operation.method}` : operation.name,
    );
    let stem = base;
    for (let n = 2; taken.has(stem); n++) stem = `${base}${n}`;
    taken.add(stem);
    const mediaType = operation.requestMediaTypes.find(isJson) ?? operation.requestMediaTypes[0];
    found.push({ operation, scheme, stem, mediaType });
  }
  return found;
}

export function emitWebhooks(specName: string, hooks: readonly SignedWebhook[]): GeneratedFile {
  const schemes = Object.fromEntries(hooks.map(({ scheme }) => [scheme.name, scheme]));
  const lines = [
    'import { type SendWebhookOptions, sendWebhook, signedWebhookRequest } from "./client/send-webhook.js";',
    'import type { WebhookScheme } from "./runtime/index.js";',
    ...(hooks.some((hook) => hook.operation.kind === "webhook") ? ['import type { webhooks } from "./schema.js";'] : []),
    "import {",
    "  type VerifiedDelivery,",
    "  type WebhookHandler,",
    "  type WebhookReceiverOptions,",
    "  webhookReceiver,",
    '} from "./server/webhook-receiver.js";',
    "",
    'export { fastifyWebhook } from "./server/webhook-fastify.js";',
    'export { honoWebhook } from "./server/webhook-hono.js";',
    'export { type NodeWebhookOptions, nodeWebhook } from "./server/webhook-node.js";',
    "export type { SendWebhookOptions, VerifiedDelivery, WebhookHandler, WebhookReceiverOptions };",
    "",
    ...(hooks.some((hook) => hook.operation.kind === "webhook") ? REQUEST_BODY_OF : []),
    "/** The spec's `profile: webhook` schemes that sign the webhooks below. */",
    `export const webhookSchemes = {\n${printEntries(schemes, 2)}\n} as const satisfies Readonly<Record<string, WebhookScheme>>;`,
  ];
  for (const hook of hooks) lines.push("", ...webhookBlock(hook));
  return { path: "webhooks.ts", contents: `${tsBanner(specName)}${lines.join("\n")}\n` };
}

function webhookBlock({ operation, scheme, stem, mediaType }: SignedWebhook): string[] {
  const Stem = stem.charAt(0).toUpperCase() + stem.slice(1);
  const payload = `${Stem}Payload`;
  const json = mediaType !== undefined && isJson(mediaType);
  const schemeRef = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(scheme.name)
    ? `webhookSchemes.${scheme.name}`
    : `webhookSchemes[${stringLiteral(scheme.name)}]`;
  const kind = operation.kind === "webhook" ? "Webhook" : "Callback";
  // Callbacks live inside an operation in schema.ts, where openapi-typescript types no request body.
  const type =
    operation.kind === "webhook" && mediaType !== undefined
      ? `RequestBodyOf<webhooks[${stringLiteral(operation.name)}][${stringLiteral(operation.method.toLowerCase())}], ${stringLiteral(mediaType)}>`
      : json
        ? "unknown"
        : "string | Uint8Array";
  const body = json ? "JSON.stringify(payload)" : "payload";
  const contentType = stringLiteral(mediaType ?? "application/octet-stream");
  const signature = (name: string, returns: string): string[] => [
    `export function ${name}(url: string, payload: ${payload}, options: SendWebhookOptions): Promise<${returns}> {`,
  ];
  const fitted = (lines: string[], broken: string[]): string[] => (lines.every((line) => line.length <= PRINT_WIDTH) ? lines : broken);
  const params = (name: string, returns: string): string[] =>
    fitted(signature(name, returns), [
      `export function ${name}(`,
      "  url: string,",
      `  payload: ${payload},`,
      "  options: SendWebhookOptions,",
      `): Promise<${returns}> {`,
    ]);
  const call = (fn: string): string[] => [
    `  const delivery = { body: ${body}, contentType: ${contentType} };`,
    `  return ${fn}(${schemeRef}, url, delivery, options);`,
  ];
  return [
    ...fitted(
      [`/** ${commentText(`${kind} \`${operation.name}\` (${operation.pointer}), signed as \`${scheme.name}\` (${scheme.preset}).`)} */`],
      [
        "/**",
        ` * ${commentText(`${kind} \`${operation.name}\`, signed as \`${scheme.name}\` (${scheme.preset}):`)}`,
        ` * ${commentText(operation.pointer)}.`,
        " */",
      ],
    ),
    ...fitted([`export type ${payload} = ${type};`], [`export type ${payload} =`, `  ${type};`]),
    "",
    "/** Verifies each delivery before `handler` runs; every refusal is answered with problem+json. */",
    `export function ${stem}Receiver(`,
    "  options: WebhookReceiverOptions,",
    `  handler: WebhookHandler<${payload}>,`,
    "): (request: Request) => Promise<Response> {",
    `  return webhookReceiver(${schemeRef}, options, handler);`,
    "}",
    "",
    "/** The provider's side: POSTs `payload` to `url`, signed over the exact bytes sent. */",
    ...params(`send${Stem}Webhook`, "Response"),
    ...call("sendWebhook"),
    "}",
    "",
    `/** The signed \`Request\` that \`send${Stem}Webhook\` sends, for a consumer's tests. */`,
    ...params(`sign${Stem}Webhook`, "Request"),
    ...call("signedWebhookRequest"),
    "}",
  ];
}

/** openapi-typescript types a webhook's body at `webhooks[name][method]["requestBody"]["content"][mediaType]`. */
const REQUEST_BODY_OF = [
  "/** The body of a webhook operation in schema.ts, for one media type. */",
  "type RequestBodyOf<Operation, MediaType extends string> = Operation extends { requestBody?: { content: infer Content } }",
  "  ? MediaType extends keyof Content",
  "    ? Content[MediaType]",
  "    : never",
  "  : never;",
  "",
];

function isJson(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType);
}

/** camelCase of the name's words, so `branch-protection-rule-created` and `op:renewed` become identifiers. */
function identifierStem(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const camel = words
    .map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)))
    .join("");
  return /^[A-Za-z_$]/.test(camel) ? camel : `webhook${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}
