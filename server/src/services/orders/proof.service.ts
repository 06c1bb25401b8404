import { createHash } from "node:crypto";
import type { EventActor, StopDto } from "@waybill/shared";
import { newId } from "../../adapters/crypto/secrets";
import type { Db } from "../../adapters/db/database";
import type { OrdersRepository } from "../../adapters/db/repositories/orders.repository";
import { proofFiles, proofs } from "../../adapters/db/schema";
import { AppError } from "../app-error";
import type { OrderService, StopScope } from "./order.service";
import { stopDto } from "./order-dto";

/** Largest accepted image, bytes. */
export const MAX_PROOF_FILE_BYTES = 5 * 1024 * 1024;
/** Most photos one proof may carry. */
export const MAX_PROOF_PHOTOS = 6;

/** An uploaded file as the HTTP layer hands it over. */
export interface UploadedFile {
  readonly field: string;
  readonly name: string;
  readonly declaredType: string;
  readonly bytes: Uint8Array;
}

/** What a driver records at the door. */
export interface ProofInput {
  readonly signature: UploadedFile | null;
  readonly photos: readonly UploadedFile[];
  readonly recipientName: string | null;
  readonly note: string | null;
  readonly position: { readonly lat: number; readonly lng: number } | null;
}

/** Image types accepted, recognised by their first bytes (the declared type is not trusted). */
const SIGNATURES: readonly { type: string; matches: (b: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: "image/webp",
    matches: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP",
  },
];

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, to));

/**
 * Proof of delivery: signature image, photos, recipient name, note and where it happened, kept
 * in the database (both modes keep it durably) and served only to whoever may see the order.
 */
export class ProofService {
  constructor(
    private readonly db: Db,
    private readonly orders: OrdersRepository,
    private readonly orderService: OrderService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(scope: StopScope, stopId: string, input: ProofInput, actor: EventActor): Promise<StopDto> {
    const stop = await this.orderService.stopInScope(stopId, scope);
    if (stop.status === "unassigned" || stop.status === "cancelled")
      throw new AppError(
        "conflict",
        `stop ${stopId} is ${stop.status}; proof is recorded on a stop being served`,
        [],
        {
          extensions: { currentState: stop.status },
        },
      );
    const files = [...(input.signature ? [input.signature] : []), ...input.photos].map((file) =>
      checkedFile(file),
    );
    if (files.length === 0 && !input.recipientName && !input.note)
      throw new AppError("validation_failed", "send a signature, a photo, a recipient name or a note", [
        { field: "signature", reason: "nothing to record" },
      ]);
    const now = this.clock();
    await this.db.transaction(async (tx) => {
      const fields = {
        recipientName: input.recipientName,
        note: input.note,
        lat: input.position?.lat ?? null,
        lng: input.position?.lng ?? null,
      };
      await tx
        .insert(proofs)
        .values({
          stopId,
          organisationId: scope.organisationId,
          orderId: stop.orderId,
          ...fields,
          createdAt: now,
        })
        .onConflictDoUpdate({ target: proofs.stopId, set: fields });
      if (files.length)
        await tx.insert(proofFiles).values(
          files.map((file) => ({
            id: newId("pof"),
            organisationId: scope.organisationId,
            orderId: stop.orderId,
            stopId,
            kind: file.kind,
            contentType: file.contentType,
            sizeBytes: file.bytes.length,
            sha256: createHash("sha256").update(file.bytes).digest("hex"),
            content: file.bytes,
            createdAt: now,
          })),
        );
      await this.orders.appendTimeline(
        tx,
        scope.organisationId,
        stop.orderId,
        [
          {
            type: "proof.recorded",
            stopId,
            from: null,
            to: null,
            cause: null,
            data: {
              signature: input.signature !== null,
              photos: input.photos.length,
              recipientName: input.recipientName,
              position: input.position,
            },
          },
        ],
        { at: now, actor },
      );
    });
    const updated = await this.orders.findStop(this.db, scope.organisationId, stopId);
    if (!updated) throw new AppError("not_found", `stop ${stopId} does not exist`);
    return stopDto(updated);
  }
}

function checkedFile(file: UploadedFile): {
  kind: "signature" | "photo";
  contentType: string;
  bytes: Uint8Array;
} {
  if (file.bytes.length === 0) throw fileError(file, "is empty");
  if (file.bytes.length > MAX_PROOF_FILE_BYTES)
    throw new AppError(
      "payload_too_large",
      `${file.field} ${file.name} exceeds ${MAX_PROOF_FILE_BYTES} bytes`,
      [{ field: file.field, reason: `larger than ${MAX_PROOF_FILE_BYTES} bytes` }],
    );
  const type = SIGNATURES.find((signature) => signature.matches(file.bytes))?.type;
  if (!type) throw fileError(file, "is not a PNG, JPEG or WebP image");
  return { kind: file.field === "signature" ? "signature" : "photo", contentType: type, bytes: file.bytes };
}

const fileError = (file: UploadedFile, reason: string) =>
  new AppError("validation_failed", `${file.field} ${file.name} ${reason}`, [{ field: file.field, reason }]);
