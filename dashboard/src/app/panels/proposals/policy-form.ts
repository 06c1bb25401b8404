import type { ContingencyPolicyDto } from "@waybill/shared";
import type { WaybillApi } from "../../../api/waybill-api";
import { h, setText } from "../../dom";
import { describeError } from "../panel-status";

/**
 * The organisation's auto-apply policy for triggered proposals, in a collapsible form: shown to
 * every dispatcher, editable (and saved with `PUT /api/v1/contingency-policy`) by admins only.
 */
export class PolicyForm {
  readonly element: HTMLDetailsElement;
  private readonly summary = h("span", { class: "policy-summary" }, "Auto-apply: loading…");
  private readonly autoApply = h("input", { type: "checkbox", id: "policy-auto-apply" });
  private readonly maxMoved = numberInput("policy-max-moved", 0, 500, 1);
  private readonly maxKm = numberInput("policy-max-km", 0, 1000, 0.5);
  private readonly maxMinutes = numberInput("policy-max-minutes", 0, 1440, 1);
  private readonly save = h("button", { class: "btn btn-primary", type: "submit" }, "Save policy");
  private readonly message = h("p", { class: "muted policy-message", role: "status", "aria-live": "polite" });

  constructor(
    private readonly api: WaybillApi,
    private readonly editable: boolean,
  ) {
    const form = h(
      "form",
      { class: "policy-form", "aria-label": "Auto-apply policy" },
      h(
        "label",
        { class: "policy-toggle" },
        this.autoApply,
        h("span", {}, "Apply triggered proposals without review when every limit holds"),
      ),
      h(
        "div",
        { class: "policy-limits" },
        field("Most stops moved", this.maxMoved),
        field("Most extra km", this.maxKm),
        field("Most extra min", this.maxMinutes),
      ),
      this.editable
        ? h("div", { class: "button-row" }, this.save)
        : h("p", { class: "muted" }, "Only an administrator can change the policy."),
      this.message,
    );
    for (const input of [this.autoApply, this.maxMoved, this.maxKm, this.maxMinutes])
      input.disabled = !editable;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.element = h("details", { class: "policy" }, h("summary", {}, this.summary), form);
  }

  /** Reads the policy from the server. */
  async load(): Promise<void> {
    try {
      this.fill(await this.api.getContingencyPolicy());
    } catch (error) {
      setText(this.summary, "Auto-apply: unknown");
      setText(this.message, `Could not load the policy. ${describeError(error)}`);
    }
  }

  private fill(policy: ContingencyPolicyDto): void {
    this.autoApply.checked = policy.autoApply;
    this.maxMoved.value = String(policy.maxMovedStops);
    this.maxKm.value = String(policy.maxExtraDistanceM / 1000);
    this.maxMinutes.value = String(Math.round(policy.maxExtraDurationS / 60));
    setText(
      this.summary,
      policy.autoApply
        ? `Auto-apply on: up to ${policy.maxMovedStops} stops moved, +${policy.maxExtraDistanceM / 1000} km, +${Math.round(policy.maxExtraDurationS / 60)} min`
        : "Auto-apply off: every proposal waits for a dispatcher",
    );
  }

  private async submit(): Promise<void> {
    if (!this.editable) return;
    this.save.disabled = true;
    setText(this.message, "Saving…");
    try {
      const policy = await this.api.setContingencyPolicy({
        autoApply: this.autoApply.checked,
        maxMovedStops: Math.round(this.maxMoved.valueAsNumber),
        maxExtraDistanceM: Math.round(this.maxKm.valueAsNumber * 1000),
        maxExtraDurationS: Math.round(this.maxMinutes.valueAsNumber * 60),
      });
      this.fill(policy);
      setText(this.message, "Policy saved.");
    } catch (error) {
      setText(this.message, `Could not save the policy. ${describeError(error)}`);
    } finally {
      this.save.disabled = false;
    }
  }
}

function numberInput(id: string, min: number, max: number, step: number): HTMLInputElement {
  return h("input", { class: "input", type: "number", id, min, max, step, required: true });
}

function field(label: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "field", for: input.id }, h("span", { class: "field-label" }, label), input);
}
