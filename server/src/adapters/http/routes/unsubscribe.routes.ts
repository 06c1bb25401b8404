import { Hono } from "hono";
import type { UnsubscribeService, UnsubscribeView } from "../../../services/notification-unsubscribe";
import { escapeHtml } from "../../mail/html";
import type { HttpEnv } from "../http-env";

/**
 * The public end of unsubscribe links (no sign-in: the signed token is the permission). GET shows
 * what the link does and a button; POST does it, also as the one-click unsubscribe of RFC 8058
 * that mail clients send.
 */
export function unsubscribeRoutes(unsubscribe: UnsubscribeService) {
  return new Hono<HttpEnv>()
    .get("/:token", async (c) => c.html(page(await unsubscribe.describe(c.req.param("token")))))
    .post("/:token", async (c) => c.html(page(await unsubscribe.unsubscribe(c.req.param("token")))));
}

function page(view: UnsubscribeView): string {
  const email = escapeHtml(view.email);
  const body = view.unsubscribed
    ? `<p>${email} gets no more emails about deliveries from this sender.</p>`
    : `<p>Stop emails about deliveries to ${email}?</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Unsubscribe</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">
<h1>Delivery emails</h1>
${body}
</body></html>`;
}
