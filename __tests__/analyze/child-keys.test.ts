import { VISITOR_KEYS } from '@babel/types';
import { describe, expect, it } from 'vitest';
import { CHILD_KEYS } from '../../src/core/child-keys.generated';
import { SKIPPED_KEYS } from '../../src/core/child-keys-skip';

describe('the generated child-key table', () => {
  it("matches the installed @babel/types (rerun scripts/gen-child-keys.js after upgrading Babel)", () => {
    const expected = Object.fromEntries(Object.keys(VISITOR_KEYS).map((type) => [type, VISITOR_KEYS[type]!.filter((k) => !SKIPPED_KEYS.includes(k))]));
    expect(CHILD_KEYS).toEqual(expected);
  });
});
