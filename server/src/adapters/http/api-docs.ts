/**
 * A self-contained HTML reference rendered from the OpenAPI document (no CDN: this must work
 * offline). Lists every operation with its summary, parameters, body schema and responses.
 */
export function renderApiDocs(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const sections = Object.entries(paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => renderOperation(method, path, op)))
    .join("\n");
  const info = doc.info as { title: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body><header><h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p><a href="/api/openapi.json">openapi.json</a></p></header>
<main>${sections}</main></body></html>`;
}

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; description?: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description?: string }>;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${esc(p.name)}</code> (${p.in}${p.required ? ", required" : ""}) ${esc(p.description ?? "")}</li>`,
    )
    .join("");
  const schema = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
  const responses = Object.entries(op.responses ?? {})
    .map(([s, r]) => `<li><b>${s}</b> ${esc(r.description ?? "")}</li>`)
    .join("");
  return `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code>${op.security ? ' <span class="lock">bearer</span>' : ""}</h2>
<p>${esc(op.summary ?? "")}</p>${params ? `<h3>Parameters</h3><ul>${params}</ul>` : ""}
${schema ? `<h3>Body</h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre>` : ""}<h3>Responses</h3><ul>${responses}</ul></section>`;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

const CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}header{background:#14324b;color:#fff;padding:16px 32px}header a{color:#9fd3ff}
main{max-width:960px;margin:0 auto;padding:16px}section{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:8px 20px;margin:12px 0}
h2{font-size:17px}h3{font-size:14px;margin-bottom:4px}pre{background:#f0f3f6;padding:8px;border-radius:6px;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px}.get{background:#1f7a4d}.post{background:#2657a6}.delete{background:#b3261e}
.lock{font-size:12px;color:#6b7785;border:1px solid #c5ccd3;border-radius:4px;padding:1px 6px}`;
