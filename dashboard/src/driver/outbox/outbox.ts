import { ApiError, NETWORK_ERROR_STATUS } from "../../api/api-error";
import type { OutboxAction, OutboxEntry } from "./outbox-action";
import { isAlreadyApplied, judgeFailure, retryDelayMs } from "./outbox-policy";
import type { OutboxStore } from "./outbox-store";

/** An action the server refused for good, kept to show the driver why. */
export interface OutboxRejection {
  readonly entry: OutboxEntry;
  /** The problem's detail as the server wrote it. */
  readonly reason: string;
}

/** Options of {@link Outbox}. */
export interface OutboxOptions {
  readonly store: OutboxStore;
  /** Sends one action; throws an {@link ApiError} (status 0 when offline) when it did not go through. */
  readonly send: (action: OutboxAction) => Promise<void>;
  /** Called after every change of the queue or of the rejections. */
  readonly onChange: () => void;
  /** Called after an action reached the server and left the queue, before the `onChange` of it. */
  readonly onSent?: (action: OutboxAction) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * The persistent outbound queue of the driver app. Actions go out strictly in the order they
 * were made, one at a time: the head is retried with backoff while offline or on 5xx (nothing
 * behind it overtakes it), dropped into {@link Outbox.rejections} on a 4xx, and kept on a 401:
 * the outbox then sends nothing more, and the next sign-in starts a new one on the same store.
 */
export class Outbox {
  private queue: OutboxEntry[] = [];
  private readonly rejected: OutboxRejection[] = [];
  private draining = false;
  private held = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  /** Resolves once what an earlier session left in the store is in the queue. */
  private readonly loaded: Promise<void>;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.loaded = options.store.load().then((entries) => {
      this.queue = entries;
    });
  }

  /** Starts sending, beginning with what an earlier session left in the store. */
  async start(): Promise<void> {
    await this.loaded;
    this.options.onChange();
    void this.drain();
  }

  /** Queues an action (persisted before this resolves) and sends it as soon as its turn comes. */
  async enqueue(action: OutboxAction, label: string): Promise<void> {
    await this.loaded;
    this.queue.push(await this.options.store.add({ action, label, queuedAt: this.now() }));
    this.options.onChange();
    void this.drain();
  }

  /** The actions still to send, oldest first. */
  pending(): readonly OutboxEntry[] {
    return this.queue;
  }

  /** Actions the server refused, oldest first, until dismissed. */
  rejections(): readonly OutboxRejection[] {
    return this.rejected;
  }

  /** Forgets the rejection of one entry (the driver read it). */
  dismiss(entryId: number): void {
    const index = this.rejected.findIndex((rejection) => rejection.entry.id === entryId);
    if (index < 0) return;
    this.rejected.splice(index, 1);
    this.options.onChange();
  }

  /** Tries the head again now, skipping the backoff wait (the phone came back online). */
  retryNow(): void {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.drain();
  }

  /** Stops the retry timer; the entries stay stored for the next start. */
  stop(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.held = true;
  }

  private async drain(): Promise<void> {
    if (this.draining || this.held || this.retryTimer !== null) return;
    this.draining = true;
    try {
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        if (!(await this.sendHead(head))) return;
      }
    } finally {
      this.draining = false;
    }
  }

  /** Sends the head; true when the queue may go on with the next entry. */
  private async sendHead(head: OutboxEntry): Promise<boolean> {
    try {
      await this.sendOrFindDone(head.action);
      await this.forgetHead(head);
      this.options.onSent?.(head.action);
      this.options.onChange();
      return true;
    } catch (error) {
      const status = error instanceof ApiError ? error.status : NETWORK_ERROR_STATUS;
      const verdict = judgeFailure(status);
      if (verdict === "drop") {
        await this.forgetHead(head);
        this.rejected.push({ entry: head, reason: error instanceof Error ? error.message : String(error) });
        this.options.onChange();
        return true;
      }
      if (verdict === "hold") this.held = true;
      else this.scheduleRetry();
      return false;
    }
  }

  /** Sends an action; a retry that finds its work already done succeeds too. */
  private async sendOrFindDone(action: OutboxAction): Promise<void> {
    try {
      await this.options.send(action);
    } catch (error) {
      if (!(error instanceof ApiError && isAlreadyApplied(action, error.status, error.problem?.currentState)))
        throw error;
    }
  }

  private async forgetHead(head: OutboxEntry): Promise<void> {
    await this.options.store.remove(head.id);
    this.queue.shift();
    this.attempt = 0;
  }

  private scheduleRetry(): void {
    this.attempt += 1;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        void this.drain();
      },
      retryDelayMs(this.attempt, this.options.random),
    );
  }
}
