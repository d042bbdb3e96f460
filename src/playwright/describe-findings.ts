/**
 * Findings as text for a failed assertion: one line per finding, then its hint.
 */
import type { Finding } from '../core/analysis/types';

/** "  error sync-skipped: <message>\n      hint: <hint>" per finding. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.code}: ${f.message}${f.hint ? `\n      hint: ${f.hint}` : ''}`).join('\n');
}
