/**
 * Connection ids as people read them: the hook's ids (`<document id>.<n>`, e.g.
 * "1njgufblhqyz.1") and a HAR's (`har-<entry>`, `har-<entry>-<k>`: docs/design.md#har-input)
 * become the "#n" labels the timeline and the table show. Only what the UI shows is relabelled;
 * traces, JSON and CLI output keep the ids (they are the contract).
 */

/**
 * Replaces every hook- or HAR-style connection id in `text` for which `label` answers (e.g.
 * "#2"); other text is unchanged. Pure, O(length of text).
 */
export function withConnLabels(text: string, label: (id: string) => string | undefined): string {
  return text.replace(/\b(?:[0-9a-z]{6,}\.\d+|har-\d+(?:-\d+)?)\b/g, (id) => label(id) ?? id);
}
