/**
 * The requests an API sends rather than receives: OpenAPI 3.1 `webhooks` (§4.8.1, a map of Path Item
 * Objects keyed by a name) and each operation's `callbacks` (§4.8.18, a map of runtime expressions to Path
 * Items). A webhook's security is its own `security` only: the document's default `security` describes
 * requests to the API, and a provider's signature on its deliveries is another matter.
 */
import { childPointer } from "../scheme/errors.js";
import { refResolver } from "./parameters.js";

export interface WebhookOperation {
  /** The `webhooks` key, or `<operationId or METHOD path>:<callback name>` for a callback. */
  name: string;
  kind: "webhook" | "callback";
  method: string;
  /** callbacks: the runtime expression the API posts to (§4.8.20); webhooks name no URL (the consumer chooses it). */
  expression?: string;
  operationId?: string;
  /** Alternatives of scheme names, from the operation's own `security`; empty when it declares none. */
  security: string[][];
  /** The request body's media types, in spec order. */
  requestMediaTypes: string[];
  /** JSON pointer of the operation object. */
  pointer: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Alternatives = (value: unknown, pointer: string) => string[][];

export function collectWebhooks(document: Record<string, unknown>, alternatives: Alternatives): WebhookOperation[] {
  const resolve = refResolver(document);
  const found: WebhookOperation[] = [];
  for (const [name, item] of Object.entries(asRecord(document.webhooks))) {
    found.push(...pathItemOperations(resolve(item), childPointer("#/webhooks", name), alternatives, resolve, { name, kind: "webhook" }));
  }
  for (const [path, item] of Object.entries(asRecord(document.paths))) {
    for (const method of METHODS) {
      const operation = asRecord(asRecord(item)[method]);
      const operationPointer = childPointer(childPointer("#/paths", path), method);
      const owner = typeof operation.operationId === "string" ? operation.operationId : `${method.toUpperCase()} ${path}`;
      for (const [callbackName, callback] of Object.entries(asRecord(operation.callbacks))) {
        const callbackPointer = childPointer(childPointer(operationPointer, "callbacks"), callbackName);
        for (const [expression, callbackItem] of Object.entries(asRecord(resolve(callback)))) {
          found.push(
            ...pathItemOperations(resolve(callbackItem), childPointer(callbackPointer, expression), alternatives, resolve, {
              name: `${owner}:${callbackName}`,
              kind: "callback",
              expression,
            }),
          );
        }
      }
    }
  }
  return found;
}

function pathItemOperations(
  item: unknown,
  pointer: string,
  alternatives: Alternatives,
  resolve: (value: unknown) => Record<string, unknown>,
  identity: { name: string; kind: "webhook" | "callback"; expression?: string },
): WebhookOperation[] {
  const operations: WebhookOperation[] = [];
  for (const method of METHODS) {
    if (!(method in asRecord(item))) continue;
    const operation = asRecord(asRecord(item)[method]);
    const operationPointer = childPointer(pointer, method);
    operations.push({
      ...identity,
      method: method.toUpperCase(),
      ...(typeof operation.operationId === "string" ? { operationId: operation.operationId } : {}),
      security: alternatives(operation.security, childPointer(operationPointer, "security")),
      requestMediaTypes: Object.keys(asRecord(resolve(operation.requestBody).content)),
      pointer: operationPointer,
    });
  }
  return operations;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
