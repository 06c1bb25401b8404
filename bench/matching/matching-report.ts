/** Scores and timing of one sampling × noise cell of the matching bench. */
export interface CellResult {
  readonly intervalS: number;
  readonly noiseM: number;
  /** Route mismatch fraction of each track. */
  readonly scores: number[];
  /** Distance of each matched point from the true position, metres. */
  readonly pointErrorsM: number[];
  fixes: number;
  /** CPU time spent matching, ms. */
  ms: number;
}

/** OSRM's matcher on such tracks (from the matching issue): 0.09 at 1 s / 5 m, 0.25-0.75 sparse and noisy. */
const OSRM_DENSE_MEDIAN = 0.09;
const OSRM_SPARSE_MEDIAN_LOW = 0.25;
const TARGET_DENSE = 0.05;
const TARGET_SPARSE = 0.15;
const TARGET_FIXES_PER_S = 20_000;

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
};

/** OSRM's reference median for a cell, if one was measured. */
function osrmReference(cell: CellResult): number | null {
  if (cell.intervalS === 1 && cell.noiseM === 5) return OSRM_DENSE_MEDIAN;
  if (cell.intervalS >= 15 && cell.noiseM >= 15) return OSRM_SPARSE_MEDIAN_LOW;
  return null;
}

/** Prints the table (median, p90, fixes/s per cell, OSRM and our ratio) and the verdict; true when every target holds. */
export function printCells(cells: readonly CellResult[]): boolean {
  console.log(
    "\nsampling  noise  tracks  median   p90  point error p50/p90    fixes/s  OSRM median  ours/OSRM          target",
  );
  let passed = true;
  for (const cell of cells) {
    if (cell.scores.length === 0) continue;
    const median = percentile(cell.scores, 0.5);
    const target = cell.intervalS <= 5 ? TARGET_DENSE : TARGET_SPARSE;
    const osrm = osrmReference(cell);
    const ok = median <= target;
    passed &&= ok;
    console.log(
      [
        `${cell.intervalS} s`.padStart(8),
        `${cell.noiseM} m`.padStart(6),
        String(cell.scores.length).padStart(7),
        median.toFixed(3).padStart(7),
        percentile(cell.scores, 0.9).toFixed(3).padStart(6),
        `${percentile(cell.pointErrorsM, 0.5).toFixed(1)} / ${percentile(cell.pointErrorsM, 0.9).toFixed(1)} m`.padStart(
          21,
        ),
        Math.round(cell.fixes / (cell.ms / 1000))
          .toLocaleString("en")
          .padStart(10),
        (osrm === null ? "-" : osrm === OSRM_DENSE_MEDIAN ? "0.09" : "0.25-0.75").padStart(13),
        (osrm === null ? "-" : `${(median / osrm).toFixed(2)}`).padStart(11),
        `${ok ? "ok" : "MISSED"} <= ${target}`.padStart(16),
      ].join(""),
    );
  }
  const fixes = cells.reduce((s, c) => s + c.fixes, 0);
  const ms = cells.reduce((s, c) => s + c.ms, 0);
  const rate = fixes / (ms / 1000);
  passed &&= rate >= TARGET_FIXES_PER_S;
  console.log(
    `\nall cells: ${fixes.toLocaleString("en")} fixes matched in ${(ms / 1000).toFixed(2)} s of CPU on one core = ${Math.round(rate).toLocaleString("en")} fixes/s  (target >= ${TARGET_FIXES_PER_S.toLocaleString("en")})`,
  );
  console.log(passed ? "every target met" : "some target missed");
  return passed;
}
