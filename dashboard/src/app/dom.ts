/** Attribute values for {@link h}; `false`/`undefined` omit the attribute, `true` sets it empty. */
export type Attributes = Record<string, string | number | boolean | undefined>;
/** A child for {@link h}; falsy children are skipped. */
export type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes (`class` sets the class list) and children.
 *
 * @example
 * h("button", { class: "btn", type: "submit" }, "Sign in");
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Sets an element's text only when it differs, so an unchanged value costs no DOM write. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
