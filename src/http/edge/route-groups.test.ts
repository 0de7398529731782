import { describe, expect, it } from 'vitest';
import { routeGroupOf } from './route-groups.ts';

describe('route groups', () => {
  it('put each path in its group, by whole path segments', () => {
    const cases: Record<string, string | undefined> = {
      '/healthz': 'ops',
      '/metrics': 'ops',
      '/docs': 'docs',
      '/docs/static/index.css': 'docs',
      '/openapi.json': 'docs',
      '/admin/keys/:id': 'admin',
      '/admin': 'admin',
      '/administrator': undefined,
      '/v1/events': 'events',
      '/v1/eventsx': 'fm',
      '/v1/chat/completions': 'fm',
      '/v1/chat/ws': 'fm',
      '/v1': 'fm',
      '/v10/x': undefined,
      '/': 'aws',
      '/webhooks/:source': 'webhooks',
      '/support/v1/tickets': 'apps',
      '/manga/v1/chat': 'apps',
      '/limited': undefined,
    };
    for (const [path, group] of Object.entries(cases)) expect(routeGroupOf(path), path).toBe(group);
  });
});
