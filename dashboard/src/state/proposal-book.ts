import type { ProposalDto, ProposalStatus } from "@waybill/shared";

/** Statuses after a decision: a proposal never goes back from them to `proposed`. */
const FINAL: ReadonlySet<ProposalStatus> = new Set([
  "approved",
  "rejected",
  "superseded",
  "failed",
  "not_needed",
]);

/**
 * The contingency proposals the console shows, newest first. REST snapshots and the live
 * `proposal:created` / `proposal:decided` events all go through {@link ProposalBook.apply}, so an
 * event that overtakes a snapshot (or arrives twice) never duplicates a proposal, and a late
 * `proposed` copy never undoes a decision.
 */
export class ProposalBook {
  private readonly byId = new Map<string, ProposalDto>();
  private sorted: ProposalDto[] = [];

  /** Replaces everything with a snapshot, keeping decisions the snapshot has not caught up with. */
  reset(proposals: readonly ProposalDto[]): void {
    const known = new Map(this.byId);
    this.byId.clear();
    for (const proposal of proposals) {
      const previous = known.get(proposal.id);
      this.byId.set(proposal.id, previous && isNewer(previous, proposal) ? previous : proposal);
    }
    this.resort();
  }

  /** Adds or updates one proposal. True when the list changed. */
  apply(proposal: ProposalDto): boolean {
    const known = this.byId.get(proposal.id);
    if (known && (known === proposal || isNewer(known, proposal) || sameState(known, proposal))) return false;
    this.byId.set(proposal.id, proposal);
    this.resort();
    return true;
  }

  /** Marks a proposal superseded (its approval was refused because the routes changed). */
  markSuperseded(proposalId: string): ProposalDto | null {
    const known = this.byId.get(proposalId);
    if (!known) return null;
    const superseded: ProposalDto = { ...known, status: "superseded" };
    this.byId.set(proposalId, superseded);
    this.resort();
    return superseded;
  }

  get(proposalId: string): ProposalDto | null {
    return this.byId.get(proposalId) ?? null;
  }

  /** Proposals, newest first. */
  list(): readonly ProposalDto[] {
    return this.sorted;
  }

  /** Proposals still waiting for a dispatcher (the tab's badge). */
  pendingCount(): number {
    return this.sorted.filter((proposal) => proposal.status === "proposed").length;
  }

  private resort(): void {
    this.sorted = [...this.byId.values()].sort(
      (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1),
    );
  }
}

/** True when `known` carries a decision `incoming` does not (a stale copy). */
function isNewer(known: ProposalDto, incoming: ProposalDto): boolean {
  return FINAL.has(known.status) && !FINAL.has(incoming.status);
}

function sameState(a: ProposalDto, b: ProposalDto): boolean {
  return a.status === b.status && a.decidedAt === b.decidedAt && a.error === b.error;
}
