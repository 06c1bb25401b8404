import type { CompiledProblem } from "./compiled-problem";
import type { GreedyInsertion } from "./greedy-insertion";
import type { SearchBudget } from "./search-budget";
import type { StringRemoval } from "./string-removal";
import type { SolutionValue } from "./working-solution";

/** What every phase of the search shares: the problem, randomness, limits and operators. */
export interface SearchContext {
  readonly problem: CompiledProblem;
  readonly random: () => number;
  readonly budget: SearchBudget;
  readonly removal: StringRemoval;
  readonly insertion: GreedyInsertion;
  /** Called with every new best solution. */
  readonly onImproved: (value: SolutionValue) => void;
}
