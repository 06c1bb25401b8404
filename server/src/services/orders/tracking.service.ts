import type { OrderDto, TrackingMilestone, TrackingViewDto } from "@waybill/shared";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../adapters/db/database";
import type { OrdersRepository } from "../../adapters/db/repositories/orders.repository";
import { proofFiles } from "../../adapters/db/schema";
import { AppError } from "../app-error";
import type { OrderService } from "./order.service";
import { proofDtos } from "./order-dto";
import type { TrackingLinks } from "./tracking-links";

/** A proof file's bytes and type, for serving. */
export interface ProofFileContent {
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * What customers reach through their tracking link: their order alone (milestones, windows,
 * ETA, proof of delivery) and the feedback form; and the links themselves for the order system.
 */
export class TrackingService {
  constructor(
    private readonly db: Db,
    private readonly orders: OrdersRepository,
    private readonly orderService: OrderService,
    private readonly links: TrackingLinks,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A new link for the order (the old one stops working). */
  async reissue(
    organisationId: string,
    orderId: string,
  ): Promise<{ trackingUrl: string; expiresAt: string }> {
    await this.orderService.get(organisationId, orderId);
    const link = await this.db.transaction((tx) =>
      this.links.issue(tx, organisationId, orderId, this.clock()),
    );
    return { trackingUrl: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  /** Withdraws the order's link; the customer's page answers 410 from now on. */
  async revoke(organisationId: string, orderId: string): Promise<void> {
    await this.orderService.get(organisationId, orderId);
    await this.links.revoke(this.db, organisationId, orderId, this.clock());
  }

  /** The customer's view of the order behind a token. */
  async view(token: string): Promise<TrackingViewDto> {
    const link = await this.links.resolve(this.db, token, this.clock());
    const order = await this.orderService.get(link.organisationId, link.orderId);
    const files = await this.orders.proofsOf(this.db, order.id);
    return {
      reference: order.externalRef ?? order.id,
      milestone: order.milestone,
      destination: order.destination,
      timeZone: order.timeZone,
      timeWindows: order.timeWindows,
      eta: order.eta,
      deliveredAt: order.deliveredAt,
      items: order.items.map((item) => ({
        description: item.description ?? item.sku,
        quantity: item.quantity,
      })),
      history: order.timeline
        .filter((entry) => entry.type === "milestone.changed" && entry.to)
        .map((entry) => ({ at: entry.at, milestone: entry.to as TrackingMilestone })),
      proofs: proofDtos(
        files.proofs,
        files.files,
        (fileId) => `/api/v1/track/${token}/proof-files/${fileId}`,
      ),
      feedback: order.feedback,
      feedbackOpen: order.deliveredAt !== null && order.feedback === null,
      linkExpiresAt: link.expiresAt.toISOString(),
    };
  }

  /** Records the customer's rating and comment (once, after delivery). */
  async feedback(
    token: string,
    feedback: { rating: number; comment?: string | undefined },
  ): Promise<OrderDto["feedback"]> {
    const link = await this.links.resolve(this.db, token, this.clock());
    const order = await this.orderService.recordFeedback(link.organisationId, link.orderId, feedback);
    return order.feedback;
  }

  /** A proof file of the order behind the token. */
  async proofFile(token: string, fileId: string): Promise<ProofFileContent> {
    const link = await this.links.resolve(this.db, token, this.clock());
    return this.file(link.organisationId, fileId, link.orderId);
  }

  /** A proof file of the organisation (optionally: of one order), for serving. */
  async file(
    organisationId: string,
    fileId: string,
    orderId: string | null = null,
  ): Promise<ProofFileContent> {
    const [file] = await this.db
      .select({
        contentType: proofFiles.contentType,
        content: proofFiles.content,
        orderId: proofFiles.orderId,
      })
      .from(proofFiles)
      .where(and(eq(proofFiles.organisationId, organisationId), eq(proofFiles.id, fileId)));
    if (!file || (orderId !== null && file.orderId !== orderId))
      throw new AppError("not_found", `proof file ${fileId} does not exist`);
    return file;
  }
}
