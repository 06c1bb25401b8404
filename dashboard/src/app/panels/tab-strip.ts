import { h, setText } from "../dom";

/** One tab of a {@link TabStrip}. */
export interface TabSpec {
  readonly id: string;
  readonly label: string;
}

/**
 * WAI-ARIA tabs: one tab stop (roving tabindex), arrow keys, Home and End move between tabs and
 * select them; each tab may carry a count badge. The strip shows and hides the panels it is given.
 */
export class TabStrip {
  readonly element: HTMLElement;
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private readonly badges = new Map<string, HTMLElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private selectedId: string;

  constructor(
    specs: readonly TabSpec[],
    private readonly onSelect: (tabId: string) => void,
  ) {
    this.selectedId = specs[0]?.id ?? "";
    this.element = h("div", { class: "tab-strip", role: "tablist", "aria-label": "Console panels" });
    for (const spec of specs) this.element.append(this.renderTab(spec));
    this.element.addEventListener("keydown", (event) => this.onKey(event, specs));
  }

  /** The tabpanel element for a tab, labelled by it and hidden unless selected. */
  panelFor(tabId: string, ...children: Node[]): HTMLElement {
    const panel = h(
      "section",
      { class: "tab-panel", role: "tabpanel", id: `panel-${tabId}`, "aria-labelledby": `tab-${tabId}` },
      ...children,
    );
    panel.hidden = tabId !== this.selectedId;
    this.panels.set(tabId, panel);
    return panel;
  }

  /** Selects a tab (and shows its panel); `focus` also moves the keyboard focus to it. */
  select(tabId: string, focus = false): void {
    if (!this.tabs.has(tabId)) return;
    this.selectedId = tabId;
    for (const [id, tab] of this.tabs) {
      const selected = id === tabId;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = this.panels.get(id);
      if (panel) panel.hidden = !selected;
    }
    if (focus) this.tabs.get(tabId)?.focus();
    this.onSelect(tabId);
  }

  /** Shows a count on a tab (hidden at 0), with a label for screen readers. */
  setBadge(tabId: string, count: number, label: string): void {
    const badge = this.badges.get(tabId);
    if (!badge) return;
    badge.hidden = count === 0;
    setText(badge, count > 99 ? "99+" : String(count));
    badge.setAttribute("aria-label", label);
  }

  private renderTab(spec: TabSpec): HTMLElement {
    const badge = h("span", { class: "tab-badge", hidden: true });
    const selected = spec.id === this.selectedId;
    const tab = h(
      "button",
      {
        class: "tab",
        type: "button",
        role: "tab",
        id: `tab-${spec.id}`,
        "aria-controls": `panel-${spec.id}`,
        "aria-selected": String(selected),
        tabindex: selected ? 0 : -1,
      },
      spec.label,
      badge,
    );
    tab.addEventListener("click", () => this.select(spec.id));
    this.tabs.set(spec.id, tab);
    this.badges.set(spec.id, badge);
    return tab;
  }

  private onKey(event: KeyboardEvent, specs: readonly TabSpec[]): void {
    const index = specs.findIndex((spec) => spec.id === this.selectedId);
    const next: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: specs.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const spec = specs[(target + specs.length) % specs.length];
    if (spec) this.select(spec.id, true);
  }
}
