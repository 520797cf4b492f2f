import type { Site } from '../core/site';

/** The one status a site sends, when it is known for sure. */
export function exactStatus(site: Site): number | null {
  const { values, dynamic } = site.status;
  return !dynamic && values.length === 1 ? values[0]! : null;
}

export function isSuccessStatus(site: Site): boolean {
  const { values, dynamic } = site.status;
  return !dynamic && values.length > 0 && values.every((v) => v >= 200 && v < 300);
}

export function statusWords(site: Site): string {
  return site.status.implicit ? `the default status ${site.status.values[0] ?? 200}` : `status ${site.status.values.join(' or ')}`;
}

/** A site that sends a whole response (not only a header, not a streamed chunk). */
export function sendsResponse(site: Site): boolean {
  return !site.raw.headerOnly && !site.raw.partial;
}
