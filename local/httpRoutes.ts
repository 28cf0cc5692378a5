/**
 * Azure Functions route templates for the local host: literals, `{name}`, `{name?}`, `{name:int}` (also
 * long, alpha, bool, guid; other constraints are accepted unchecked) and a trailing `{*rest}`. Matching
 * is case-insensitive and the more specific template wins, as in ASP.NET routing that the Functions host
 * uses, so `cases/export` beats `cases/{caseId}`.
 */
export interface CompiledRoute {
  /** The template with the route prefix, for display: `/api/cases/{caseId}`. */
  path: string;
  pattern: RegExp;
  params: { name: string; constraint?: string }[];
  /** Per segment: 0 literal, 1 constrained, 2 parameter, 3 optional, 4 catch-all (lower wins). */
  rank: number[];
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  alpha: /^[a-z]+$/i,
  bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?([0-9a-f]{4}-?){3}[0-9a-f]{12}$/i,
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRoute(template: string, routePrefix: string): CompiledRoute {
  const params: CompiledRoute['params'] = [];
  const rank: number[] = [];
  const segments = `${routePrefix}/${template}`.split('/').filter((s) => s !== '');
  let source = '';
  for (const segment of segments) {
    const whole = /^\{(\*)?(\w+)(?::(\w+))?(\?)?\}$/.exec(segment);
    if (whole !== null && (whole[1] !== undefined || whole[4] !== undefined)) {
      // Optional and catch-all parameters may be absent together with their slash.
      params.push({ name: whole[2] ?? '', constraint: whole[3] });
      source += whole[1] !== undefined ? '(?:/(.*))?' : '(?:/([^/]+))?';
      rank.push(whole[1] !== undefined ? 4 : 3);
      continue;
    }
    let segmentSource = '';
    let last = 0;
    for (const match of segment.matchAll(/\{(\w+)(?::(\w+))?\}/g)) {
      segmentSource += `${escape(segment.slice(last, match.index))}([^/]+?)`;
      params.push({ name: match[1] ?? '', constraint: match[2] });
      last = match.index + match[0].length;
    }
    source += `/${segmentSource}${escape(segment.slice(last))}`;
    rank.push(last === 0 ? 0 : whole?.[3] !== undefined ? 1 : 2);
  }
  return { path: `/${segments.join('/')}`, pattern: new RegExp(`^${source}/?$`, 'i'), params, rank };
}

/** The route parameters (URL-decoded) when `pathname` matches, else undefined. */
export function matchRoute(route: CompiledRoute, pathname: string): Record<string, string> | undefined {
  const match = route.pattern.exec(pathname);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  for (const [i, { name, constraint }] of route.params.entries()) {
    const raw = match[i + 1];
    if (raw === undefined) continue;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined; // malformed percent-encoding: no route can match it
    }
    const check = constraint === undefined ? undefined : CONSTRAINTS[constraint.toLowerCase()];
    if (check !== undefined && !check.test(value)) return undefined;
    params[name] = value;
  }
  return params;
}

/** Sort order: the more specific route first. */
export function compareRoutes(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const diff = (a.rank[i] ?? -1) - (b.rank[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
