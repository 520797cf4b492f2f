import type { Node } from '../core/ast';
import type { CrossFileHooks, DemandKind } from '../core/imports';

/** What one file's first-pass analysis asked about other modules: plain data, sent back from worker threads. */
export interface FileLinks {
  demands: { spec: string; key: string; kind: DemandKind }[];
  /** Calls handing a response to an imported function: listed as callers on that helper's own finding. */
  calls: { spec: string; key: string; line: number; column: number }[];
}

/** First-pass hooks: every question is recorded and answered "unknown". */
export function linkRecorder(): { hooks: CrossFileHooks; links: () => FileLinks | undefined } {
  const seen = new Set<string>();
  const links: FileLinks = { demands: [], calls: [] };
  const hooks: CrossFileHooks = {
    lookup(ref, kind, at?: Node) {
      const key = `${kind}\0${ref.spec}\0${ref.key}`;
      if (!seen.has(key)) {
        seen.add(key);
        links.demands.push({ spec: ref.spec, key: ref.key, kind });
      }
      if (kind === 'sends' && at?.loc) links.calls.push({ spec: ref.spec, key: ref.key, line: at.loc.start.line, column: at.loc.start.column + 1 });
      return null;
    },
  };
  return { hooks, links: () => (links.demands.length ? links : undefined) };
}
