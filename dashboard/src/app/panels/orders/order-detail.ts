import type { OrderDetailDto, ProofDto, StopDto } from "@waybill/shared";
import type { DispatcherOrderStatus } from "../../../api/waybill-api";
import { h } from "../../dom";
import type { ConsoleContext } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { formatDateTime, formatWindow } from "../time-format";
import { canSetStatus, confidenceText, ORDER_STATUS_META, timelineText } from "./order-format";
import { orderReference, renderChip } from "./order-row";

/**
 * An order's detail in the drawer: customer, windows, milestone, stops with their ETA, timeline,
 * proof of delivery (photos fetched with the session token and shown as blob URLs, released when
 * the drawer closes) and the dispatcher's ready / cancel actions, with the server's reason when
 * one is refused.
 */
export class OrderDetail {
  readonly element = h("div", { class: "order-detail" });
  private readonly status = new PanelStatus();
  private readonly blobUrls: string[] = [];
  private closed = false;

  constructor(
    private readonly context: ConsoleContext,
    private readonly orderId: string,
    private readonly onChanged: () => void,
  ) {}

  /** Loads and renders the order. */
  async load(): Promise<void> {
    this.element.replaceChildren(this.status.element);
    this.status.loading("Loading the order…");
    try {
      const order = await this.context.api.getOrder(this.orderId);
      if (this.closed) return;
      this.status.clear();
      this.element.replaceChildren(...this.render(order));
    } catch (error) {
      if (!this.closed)
        this.status.error(`Could not load the order. ${describeError(error)}`, () => void this.load());
    }
  }

  /** Releases the photos; call when the drawer closes. */
  dispose(): void {
    this.closed = true;
    for (const url of this.blobUrls.splice(0)) URL.revokeObjectURL(url);
  }

  private render(order: OrderDetailDto): Node[] {
    const meta = ORDER_STATUS_META[order.status];
    return [
      h(
        "div",
        { class: "detail-head" },
        h("span", { class: "detail-ref" }, orderReference(order)),
        renderChip(meta.label, meta.tone),
        h("span", { class: "detail-milestone" }, `Milestone: ${order.milestone.replaceAll("_", " ")}`),
      ),
      this.renderActions(order),
      section("Customer", renderFacts(order)),
      section(
        "Stops",
        h("ol", { class: "detail-stops" }, ...order.stops.map((s) => this.renderStop(s, order))),
      ),
      section("Timeline", renderTimeline(order)),
      section("Proof of delivery", this.renderProofs(order.proofs, order.timeZone)),
    ];
  }

  private renderActions(order: OrderDetailDto): HTMLElement {
    const problem = h("p", { class: "form-error", role: "alert", hidden: true });
    const button = (label: string, target: DispatcherOrderStatus, style: string): HTMLButtonElement => {
      const element = h("button", { class: `btn ${style}`, type: "button" }, label);
      element.disabled = !canSetStatus(order.status, target);
      element.addEventListener("click", () => void this.setStatus(target, element, problem));
      return element;
    };
    const showOnMap = h("button", { class: "btn btn-secondary", type: "button" }, "Show on map");
    showOnMap.addEventListener("click", () => this.context.map.flyTo(order.destination));
    return h(
      "div",
      { class: "detail-actions" },
      h(
        "div",
        { class: "button-row" },
        button("Mark ready", "ready", "btn-primary"),
        button("Cancel order", "cancelled", "btn-danger"),
        showOnMap,
      ),
      problem,
    );
  }

  private async setStatus(
    target: DispatcherOrderStatus,
    button: HTMLButtonElement,
    problem: HTMLElement,
  ): Promise<void> {
    button.disabled = true;
    problem.hidden = true;
    try {
      await this.context.api.setOrderStatus(this.orderId, target);
      this.onChanged();
      await this.load();
    } catch (error) {
      button.disabled = false;
      problem.textContent = describeError(error);
      problem.hidden = false;
    }
  }

  private renderStop(stop: StopDto, order: OrderDetailDto): HTMLElement {
    const vehicle = stop.vehicleId === null ? "not on a route" : this.context.vehicleName(stop.vehicleId);
    const lines = [
      `${stop.purpose.replaceAll("_", " ")} · ${stop.status.replaceAll("_", " ")} · ${vehicle}`,
      stop.plannedArrivalAt && `Planned ${formatDateTime(stop.plannedArrivalAt, order.timeZone)}`,
      stop.eta &&
        `ETA ${formatDateTime(stop.eta.at, order.timeZone)} (${confidenceText(stop.eta.confidence)}${stop.eta.stale ? ", stale" : ""})`,
      stop.completedAt &&
        `Completed ${formatDateTime(stop.completedAt, order.timeZone)}${stop.outcome ? `: ${stop.outcome}` : ""}`,
    ];
    return h(
      "li",
      {},
      ...lines.filter((line): line is string => Boolean(line)).map((line) => h("div", {}, line)),
    );
  }

  private renderProofs(proofs: readonly ProofDto[], timeZone: string): HTMLElement {
    if (proofs.length === 0) return h("p", { class: "muted" }, "No proof of delivery yet.");
    return h(
      "div",
      { class: "detail-proofs" },
      ...proofs.map((proof) =>
        h(
          "figure",
          { class: "proof" },
          ...proof.files.map((file) => this.renderProofImage(file.url, file.kind)),
          h(
            "figcaption",
            {},
            [
              proof.recipientName && `Received by ${proof.recipientName}`,
              proof.note,
              formatDateTime(proof.createdAt, timeZone),
            ]
              .filter(Boolean)
              .join(" · "),
          ),
        ),
      ),
    );
  }

  private renderProofImage(url: string, kind: string): HTMLElement {
    const image = h("img", {
      class: "proof-image",
      alt: kind === "signature" ? "Signature" : "Delivery photo",
    });
    this.context.api.getProofFile(url).then(
      (blob) => {
        if (this.closed) return;
        const objectUrl = URL.createObjectURL(blob);
        this.blobUrls.push(objectUrl);
        image.src = objectUrl;
      },
      (error: unknown) => {
        image.alt = `${image.alt} could not be loaded: ${describeError(error)}`;
      },
    );
    return image;
  }
}

function section(title: string, content: Node): HTMLElement {
  return h("section", { class: "detail-section" }, h("h3", {}, title), content);
}

function renderFacts(order: OrderDetailDto): HTMLElement {
  const { customer, destination } = order;
  const facts: [string, string][] = [
    ["Name", customer.name],
    ["Contact", [customer.email, customer.phone].filter(Boolean).join(" · ") || "—"],
    ["Address", destination.address],
    ["Window", order.timeWindows.map((w) => formatWindow(w, order.timeZone)).join("; ") || "None promised"],
    ["Channel", order.channel],
    [
      "Items",
      order.items.map((item) => `${item.quantity} × ${item.description ?? item.sku}`).join(", ") || "—",
    ],
  ];
  if (order.exception) facts.push(["Exception", order.exception]);
  return h(
    "dl",
    { class: "facts" },
    ...facts.flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

function renderTimeline(order: OrderDetailDto): HTMLElement {
  if (order.timeline.length === 0) return h("p", { class: "muted" }, "Nothing has happened yet.");
  return h(
    "ol",
    { class: "timeline", "aria-label": "Timeline" },
    ...order.timeline.map((event) =>
      h(
        "li",
        {},
        h("time", { datetime: event.at }, formatDateTime(event.at, order.timeZone)),
        h("span", {}, timelineText(event)),
      ),
    ),
  );
}
