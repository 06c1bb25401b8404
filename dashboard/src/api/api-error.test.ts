import { describe, expect, it } from "vitest";
import { describeProblem, isProblem } from "./api-error";

describe(describeProblem.name, () => {
  it("prefers the detail over the title", () => {
    const text = describeProblem({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      code: "unauthenticated",
      detail: "Email or password is incorrect.",
    });
    expect(text).toBe("Email or password is incorrect.");
  });

  it("starts with a capital letter whatever the server sent", () => {
    const problem = {
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      code: "unauthenticated",
    } as const;
    expect(describeProblem({ ...problem, detail: "email or password is wrong." })).toBe(
      "Email or password is wrong.",
    );
  });

  it("lists each field issue after the summary", () => {
    const text = describeProblem({
      type: "about:blank",
      title: "Validation failed",
      status: 400,
      code: "validation_failed",
      errors: [
        { field: "email", reason: "must be an email address" },
        { field: "password", reason: "must not be empty" },
      ],
    });
    expect(text).toBe("Validation failed: email must be an email address; password must not be empty.");
  });
});

describe(isProblem.name, () => {
  it("accepts problem documents and rejects other bodies", () => {
    expect(isProblem({ type: "about:blank", title: "Not found", status: 404, code: "not_found" })).toBe(true);
    expect(isProblem({ message: "nope" })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });
});
