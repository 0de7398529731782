interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, { summary?: string; tags?: string[]; security?: unknown[]; requestBody?: unknown; parameters?: unknown[] }>>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain HTML listing of every operation, grouped by tag, linking to the raw document. */
export function renderDocsPage(doc: OpenApiDoc): string {
  const groups = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      const auth = op.security ? ' <span class="auth">auth</span>' : '';
      const row = `<li><code class="m ${escape(method)}">${escape(method.toUpperCase())}</code> <code>${escape(path)}</code>${auth} — ${escape(op.summary ?? '')}</li>`;
      groups.set(tag, [...(groups.get(tag) ?? []), row]);
    }
  }
  const sections = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, rows]) => `<h2>${escape(tag)}</h2><ul>${rows.join('')}</ul>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{font:13px ui-monospace,monospace}
.m{display:inline-block;width:4.5rem;font-weight:600}.get{color:#0a7}.post{color:#07c}.delete{color:#c33}.put,.patch{color:#a60}
.auth{font-size:11px;background:#eee;border-radius:3px;padding:0 4px}li{list-style:none;margin:.2rem 0}ul{padding:0}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1><p>${escape(doc.info.description ?? '')}</p>
<p>The machine-readable OpenAPI 3.1 document is at <a href="/openapi.json">/openapi.json</a>.</p>${sections}</body></html>`;
}
