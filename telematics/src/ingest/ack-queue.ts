/**
 * Keeps QoS 1 acknowledgements in the order the messages arrived (MQTT 3.1.1 and 5, §4.6: PUBACKs
 * in receive order) while the pipeline finishes messages in any order.
 *
 * @example
 * const queue = new AckQueue((id) => send(puback(id)));
 * const ack = queue.track(7); // later, once stored: ack();
 */
export class AckQueue {
  private ids: number[] = [];
  private done: boolean[] = [];
  /** Index in the arrays of the oldest message not yet acknowledged on the wire. */
  private head = 0;
  /** Absolute sequence number of array index 0 (grows when the arrays are compacted). */
  private offset = 0;
  private generation = 0;
  private flushQueued = false;

  constructor(private readonly sendAcks: (messageIds: number[]) => void) {}

  /** Messages tracked and not yet acknowledged on the wire. */
  get pending(): number {
    return this.ids.length - this.head;
  }

  /** Registers a message; returns the function that marks it finished (idempotent). */
  track(messageId: number): () => void {
    const sequence = this.offset + this.ids.length;
    const generation = this.generation;
    this.ids.push(messageId);
    this.done.push(false);
    return () => {
      if (generation !== this.generation) return; // its connection is gone; the broker redelivers
      const index = sequence - this.offset;
      if (index < this.head || this.done[index]) return;
      this.done[index] = true;
      // One write for every ack of this tick (a whole stored batch), not one per message.
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(() => {
          this.flushQueued = false;
          this.flush();
        });
      }
    };
  }

  /** Forgets everything: the connection dropped and the broker will redeliver. */
  reset(): void {
    this.generation++;
    this.offset += this.ids.length;
    this.ids = [];
    this.done = [];
    this.head = 0;
  }

  private flush(): void {
    const start = this.head;
    while (this.head < this.ids.length && this.done[this.head]) this.head++;
    if (this.head > start) this.sendAcks(this.ids.slice(start, this.head));
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.done = this.done.slice(this.head);
      this.offset += this.head;
      this.head = 0;
    }
  }
}
