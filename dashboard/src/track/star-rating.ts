import { h, setText } from "../app/dom";

/** The words for ratings 1 to 5. */
export const RATING_WORDS = ["Very poor", "Poor", "OK", "Good", "Excellent"] as const;

const SVG_NS = "http://www.w3.org/2000/svg";
const STAR_PATH = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";

/**
 * Five large star buttons as a radio group (a fieldset of native radios, so arrow keys, forms
 * and screen readers work as usual). Each radio covers its star, so the whole star is the touch
 * target; the stars up to the chosen one light up, and the chosen word shows beneath.
 */
export class StarRating {
  readonly element: HTMLFieldSetElement;
  private readonly inputs: HTMLInputElement[];
  private readonly stars: HTMLLabelElement[];
  private readonly caption = h("p", { class: "star-caption", "aria-hidden": "true" });

  constructor(legend: string) {
    this.inputs = RATING_WORDS.map((_, index) =>
      h("input", { type: "radio", name: "rating", value: index + 1, class: "star-input" }),
    );
    this.stars = this.inputs.map((input, index) =>
      h(
        "label",
        { class: "star" },
        input,
        starIcon(),
        h(
          "span",
          { class: "visually-hidden" },
          `${index + 1} ${index ? "stars" : "star"}: ${RATING_WORDS[index]}`,
        ),
      ),
    );
    this.element = h(
      "fieldset",
      { class: "star-rating" },
      h("legend", { class: "field-label" }, legend),
      h("div", { class: "star-row" }, ...this.stars),
      this.caption,
    );
    this.element.addEventListener("change", () => this.light());
  }

  /** The chosen rating, 1 to 5, or null. */
  value(): number | null {
    const checked = this.inputs.find((input) => input.checked);
    return checked ? Number(checked.value) : null;
  }

  /** Moves the focus to the group (its first star), to ask for a rating. */
  focus(): void {
    this.inputs[0]?.focus();
  }

  private light(): void {
    const rating = this.value() ?? 0;
    for (const [index, star] of this.stars.entries()) star.classList.toggle("is-lit", index < rating);
    setText(this.caption, rating ? (RATING_WORDS[rating - 1] ?? "") : "");
  }
}

/** A filled star drawn inline (no icon font, no request). */
export function starIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "star-icon");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", STAR_PATH);
  svg.append(path);
  return svg;
}
