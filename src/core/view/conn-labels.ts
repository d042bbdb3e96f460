/**
 * Connection ids as people read them: the hook's ids (`<document id>.<n>`, e.g.
 * "1njgufblhqyz.1") become the "#n" labels the timeline and the table show.
 */

/**
 * Replaces every hook-style connection id in `text` for which `label` answers (e.g. "#2");
 * other text is unchanged. Pure, O(length of text).
 */
export function withConnLabels(text: string, label: (id: string) => string | undefined): string {
  return text.replace(/\b[0-9a-z]{6,}\.\d+\b/g, (id) => label(id) ?? id);
}
