/**
 * The tab's page and its files as the Functions app serves them (built by the test run's global setup,
 * as `npm run build` does for Azure): only the built files, the page with a Content Security Policy that
 * lets only Teams (and the app itself) frame it, and no way to reach other files.
 */
import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { tab } from '../../functions/tab';
import { tabAssets } from '../../functions/tabAssets';
import { TAB_CONTENT_SECURITY_POLICY, TEAMS_JS_VALID_DOMAINS_URL } from '../../functions/shared/tabAssets';
import { errorOf, headerOf } from './researchSupport';

function get(path: string, params: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'GET', url: `http://localhost:7071/api/${path}`, params });
}

function text(body: unknown): string {
  return Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
}

describe('the tab page', () => {
  it('is served with a policy that allows only its own script and Teams as the framing page', async () => {
    const response = await tab(get('tab'));
    expect(response.status).toBe(200);
    expect(headerOf(response, 'content-type')).toBe('text/html; charset=utf-8');
    const policy = headerOf(response, 'content-security-policy') ?? '';
    expect(policy).toBe(TAB_CONTENT_SECURITY_POLICY);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(policy).not.toMatch(/frame-ancestors [^;]*\*(\s|;|$)/);
    const html = text(response.body);
    expect(html).toContain('<script src="/api/tab/assets/dashboard.js" defer></script>');
    expect(html).toContain('<main id="main"');
  });

  it("carries the municipality's written form, which a Norwegian locale gets on the page", async () => {
    const before = process.env.MUNICIPALITY_WRITTEN_FORM;
    try {
      delete process.env.MUNICIPALITY_WRITTEN_FORM;
      expect(text((await tab(get('tab'))).body)).toContain(
        '<meta name="innovation-gates-written-form" content="nb" />',
      );
      process.env.MUNICIPALITY_WRITTEN_FORM = 'nn';
      const html = text((await tab(get('tab'))).body);
      expect(html).toContain('<meta name="innovation-gates-written-form" content="nn" />');
      expect(html.match(/innovation-gates-written-form/g)).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.MUNICIPALITY_WRITTEN_FORM;
      else process.env.MUNICIPALITY_WRITTEN_FORM = before;
    }
  });

  it('lets the page fetch only this app and the file teams-js asks for (its list of valid domains)', async () => {
    const policy = headerOf(await tab(get('tab')), 'content-security-policy') ?? '';
    const connect = /(?:^|;\s*)connect-src ([^;]*)/.exec(policy)?.[1]?.trim().split(/\s+/);
    // The addresses outside this app that the bundled teams-js fetches, read from the bundle itself, so
    // a teams-js that moves the file fails here rather than in the console of every tab.
    const script = text((await tabAssets(get('tab/assets/dashboard.js', { name: 'dashboard.js' }))).body);
    const fetched = [...new Set(script.match(/https:\/\/[^"'`\s]*validDomains[^"'`\s]*/g) ?? [])];
    expect(fetched).toEqual([TEAMS_JS_VALID_DOMAINS_URL]);
    expect(connect).toEqual(["'self'", TEAMS_JS_VALID_DOMAINS_URL]);
    // Nothing else from the CDN: no wildcard, no bare host.
    expect(policy).not.toMatch(/connect-src [^;]*(\*|https:\/\/res\.cdn\.office\.net(\s|;|\/\s))/);
  });

  it('serves the bundled script (teams-js inside) and the stylesheet', async () => {
    const script = await tabAssets(get('tab/assets/dashboard.js', { name: 'dashboard.js' }));
    expect(script.status).toBe(200);
    expect(headerOf(script, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(headerOf(script, 'x-content-type-options')).toBe('nosniff');
    // teams-js is in the bundle, so the page needs no CDN.
    expect(text(script.body)).toContain('getAuthToken');
    const style = await tabAssets(get('tab/assets/dashboard.css', { name: 'dashboard.css' }));
    expect(style.status).toBe(200);
    expect(headerOf(style, 'content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing else: other names, the page itself, and paths out of the folder are 404', async () => {
    for (const name of [
      'index.html',
      '../../package.json',
      '..%2F..%2Fpackage.json',
      'main.ts',
      'toString',
      '__proto__',
    ]) {
      const response = await tabAssets(get(`tab/assets/${encodeURIComponent(name)}`, { name }));
      expect(response.status, name).toBe(404);
      expect(errorOf(response).code).toBe('notFound');
    }
  });
});
