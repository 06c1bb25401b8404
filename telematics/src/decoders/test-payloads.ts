import { readFileSync } from "node:fs";

/** Test helper: a fixture file from `__fixtures__/`, as the raw bytes a device published. */
export const readFixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

/** Test helper: text as UTF-8 payload bytes. */
export const textPayload = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Test helper: a JSON value serialised as payload bytes. */
export const jsonPayload = (value: unknown): Uint8Array => textPayload(JSON.stringify(value));
