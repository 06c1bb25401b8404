/**
 * A part of the screen redrawn only when its key changes, so a tap never lands on an element
 * replaced under the finger by an unrelated update (a position fix, a refetch with no change).
 */
export class Section {
  private key: string | null = null;

  constructor(readonly element: HTMLElement) {}

  /** Replaces the content with `draw()` when `key` differs from the last one drawn. */
  update(key: string, draw: () => Node | null): void {
    if (key === this.key) return;
    this.key = key;
    const node = draw();
    if (node === null) this.element.replaceChildren();
    else this.element.replaceChildren(node);
  }
}
