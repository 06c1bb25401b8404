import { describe, expect, it } from "vitest";
import { createProgressReporter } from "./progress-bar";

function capture(isTTY: boolean) {
  let text = "";
  const progress = createProgressReporter({ isTTY, write: (chunk: string) => (text += chunk) });
  return { progress, text: () => text };
}

describe(createProgressReporter.name, () => {
  it("prints a line every 10 % when the stream is not a TTY, and 100 % once", () => {
    const out = capture(false);
    for (let k = 0; k <= 40; k++) out.progress(k / 40, "read");
    out.progress(1, "read");
    out.progress(0, "build");
    out.progress(1, "build");
    expect(out.text()).toBe(
      [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `read ${p}%\n`).join("") +
        "build 0%\nbuild 100%\n",
    );
  });

  it("redraws one bar in place on a TTY and ends the line when the phase ends or changes", () => {
    const out = capture(true);
    out.progress(0.5, "read");
    out.progress(0.5, "read");
    out.progress(0.2, "read");
    out.progress(0.75, "build");
    out.progress(1, "build");
    expect(out.text()).toBe(
      `\r[${"#".repeat(15)}${"-".repeat(15)}]  50% read\n` +
        `\r[${"#".repeat(23)}${"-".repeat(7)}]  75% build` +
        `\r[${"#".repeat(30)}] 100% build\n`,
    );
  });

  it("clamps fractions outside 0 … 1", () => {
    const out = capture(false);
    out.progress(-1, "read");
    out.progress(7, "read");
    expect(out.text()).toBe("read 0%\nread 100%\n");
  });
});
