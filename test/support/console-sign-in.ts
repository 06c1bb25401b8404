import type { Page } from "playwright-core";

/**
 * Opens the dispatcher console at `url` and signs in with the form, as a person would.
 *
 * @example
 * await signInToConsole(page, system.url, { email, password });
 */
export async function signInToConsole(
  page: Page,
  url: string,
  login: { readonly email: string; readonly password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
