import { CreateOrderBody, type EventActor, type FieldIssue } from "@waybill/shared";
import { parse } from "csv-parse/sync";
import { AppError } from "../app-error";
import type { OrderService } from "./order.service";

/** Most orders one import may hold. */
export const MAX_IMPORT_ORDERS = 5000;

/** The outcome of one order of an import: its id, or why it was refused. */
export interface ImportRowResult {
  /** 1-based: the array index + 1 (JSON) or the CSV lines the order came from. */
  readonly rows: readonly number[];
  readonly externalRef: string | null;
  readonly orderId: string | null;
  readonly errors: readonly FieldIssue[];
}

/** Per-order report of a bulk import. */
export interface ImportReport {
  readonly created: number;
  readonly failed: number;
  readonly results: readonly ImportRowResult[];
}

/**
 * Bulk import of a day's orders, as a JSON array of order bodies or as CSV with one line per
 * item (lines sharing an `externalRef` form one order, as shop exports write them). Each order is
 * validated and created on its own: a bad one is reported with its fields and does not stop the
 * rest; an `externalRef` that exists already is reported, so re-sending a file creates nothing twice.
 */
export class OrderImportService {
  constructor(private readonly orders: OrderService) {}

  async importJson(organisationId: string, body: unknown, actor: EventActor): Promise<ImportReport> {
    if (!Array.isArray(body))
      throw new AppError("validation_failed", "send a JSON array of orders", [
        { field: "body", reason: "not an array" },
      ]);
    return this.importAll(
      organisationId,
      body.map((raw, index) => ({ rows: [index + 1], raw })),
      actor,
    );
  }

  async importCsv(organisationId: string, text: string, actor: EventActor): Promise<ImportReport> {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
    } catch (error) {
      throw new AppError("validation_failed", `the CSV cannot be read: ${(error as Error).message}`, [
        { field: "body", reason: "malformed CSV" },
      ]);
    }
    const missing = [
      "channel",
      "externalRef",
      "customerName",
      "address",
      "lat",
      "lng",
      "sku",
      "quantity",
    ].filter((column) => records[0] && !(column in records[0].record));
    if (missing.length)
      throw new AppError(
        "validation_failed",
        `the CSV lacks the column(s) ${missing.join(", ")}`,
        missing.map((column) => ({ field: column, reason: "missing column" })),
      );
    return this.importAll(organisationId, groupCsvLines(records), actor);
  }

  private async importAll(
    organisationId: string,
    inputs: readonly { rows: number[]; raw: unknown }[],
    actor: EventActor,
  ): Promise<ImportReport> {
    if (inputs.length > MAX_IMPORT_ORDERS)
      throw new AppError(
        "payload_too_large",
        `at most ${MAX_IMPORT_ORDERS} orders per import; split the file`,
      );
    const results: ImportRowResult[] = [];
    for (const { rows, raw } of inputs) {
      const externalRef = refOf(raw);
      const parsed = CreateOrderBody.safeParse(raw);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({
          field: issue.path.map(String).join(".") || "order",
          reason: issue.message,
        }));
        results.push({ rows, externalRef, orderId: null, errors });
        continue;
      }
      try {
        const { order } = await this.orders.create(organisationId, parsed.data, actor, null);
        results.push({ rows, externalRef, orderId: order.id, errors: [] });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const errors = error.errors.length ? error.errors : [{ field: "order", reason: error.message }];
        results.push({ rows, externalRef, orderId: null, errors });
      }
    }
    const created = results.filter((result) => result.orderId !== null).length;
    return { created, failed: results.length - created, results };
  }
}

const refOf = (raw: unknown): string | null => {
  const ref = (raw as { externalRef?: unknown } | null)?.externalRef;
  return typeof ref === "string" ? ref : null;
};

/** CSV lines -> order bodies: order columns from an order's first line, one item per line. */
function groupCsvLines(records: readonly { record: Record<string, string>; info: { lines: number } }[]) {
  const orders = new Map<string, { rows: number[]; raw: Record<string, unknown> }>();
  for (const { record, info } of records) {
    const key = record.externalRef || `line-${info.lines}`;
    const item = {
      sku: record.sku,
      quantity: numberOrText(record.quantity),
      ...optional("weightKg", numberOrText(record.weightKg)),
      ...optional("volumeM3", numberOrText(record.volumeM3)),
      ...optional("description", record.description),
    };
    const existing = orders.get(key);
    if (existing) {
      existing.rows.push(info.lines);
      (existing.raw.items as unknown[]).push(item);
      continue;
    }
    const windows =
      record.windowStart || record.windowEnd
        ? [{ start: record.windowStart ?? "", end: record.windowEnd ?? "" }]
        : [];
    orders.set(key, {
      rows: [info.lines],
      raw: {
        channel: record.channel,
        ...optional("externalRef", record.externalRef),
        customer: {
          name: record.customerName,
          ...optional("email", record.customerEmail),
          ...optional("phone", record.customerPhone),
        },
        destination: {
          address: record.address,
          lat: numberOrText(record.lat),
          lng: numberOrText(record.lng),
        },
        ...optional("timeZone", record.timeZone),
        timeWindows: windows,
        items: [item],
        ...optional("serviceTimeSeconds", numberOrText(record.serviceTimeSeconds)),
        ...optional("skills", record.skills ? record.skills.split(/\s+/) : undefined),
        ...optional("priority", numberOrText(record.priority)),
        ...optional("notes", record.notes),
      },
    });
  }
  return [...orders.values()];
}

/** A CSV cell as a number when it reads as one; otherwise the text, so validation names the field. */
const numberOrText = (cell: string | undefined): number | string | undefined =>
  cell === undefined || cell === "" ? undefined : Number.isFinite(Number(cell)) ? Number(cell) : cell;

const optional = <K extends string, V>(key: K, value: V | undefined | ""): { [P in K]?: V } =>
  value === undefined || value === "" ? {} : ({ [key]: value } as { [P in K]: V });
