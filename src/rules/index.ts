import type { RuleId } from '../core/types';
import { accountEnumeration } from './account-enumeration';
import { authStatusMismatch } from './auth-status-mismatch';
import { bare500 } from './bare-500';
import { clientErrorAs500 } from './client-error-as-500';
import { errorIn2xx } from './error-in-2xx';
import { leakedDownstream } from './leaked-downstream';
import { leakedException } from './leaked-exception';
import type { Rule } from './types';

/** Every rule, in the order the contract lists them. */
export const RULES: readonly Rule[] = [
  leakedException,
  leakedDownstream,
  errorIn2xx,
  bare500,
  clientErrorAs500,
  authStatusMismatch,
  accountEnumeration,
];

export const RULE_IDS = RULES.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === (id as RuleId));
}
