/**
 * What every profile's string to sign is: its bytes, its text for display and `explain`, and its parts.
 * The template profile builds one from its components (template/string-to-sign.ts); RFC 9421 and SigV4
 * build theirs as text.
 */
import { utf8 } from "./encoding.js";
import type { Component } from "./types.js";

export interface StringToSignPart {
  component: Component;
  /** The component's text; a body is decoded as UTF-8 for display only. */
  text: string;
}

export interface StringToSign {
  bytes: Uint8Array;
  /** For display and `explain`: the text of the bytes (a binary body decodes lossily). */
  text: string;
  parts: StringToSignPart[];
  /** True when `bytes` is exactly the UTF-8 of `text` (no raw body inside): an HMAC may take the text. */
  textOnly: boolean;
}

/** A string to sign that is all text; a class, so the lazy `bytes` is a prototype getter, not a closure per request. */
export class TextStringToSign implements StringToSign {
  readonly textOnly = true;
  #bytes: Uint8Array | undefined;
  readonly text: string;
  readonly parts: StringToSignPart[];
  constructor(text: string, parts: StringToSignPart[]) {
    this.text = text;
    this.parts = parts;
  }
  get bytes(): Uint8Array {
    this.#bytes ??= utf8(this.text);
    return this.#bytes;
  }
}
