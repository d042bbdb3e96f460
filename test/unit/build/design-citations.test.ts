/**
 * The repository explains itself: code cites its own design document by heading, as
 * `docs/design.md#<slug>` (README.md, "Design"), and every such citation must lead somewhere.
 *
 * - Every citation in src/, test/, scripts/ and README.md names a heading of docs/design.md,
 *   by GitHub's slug of that heading (as GitHub renders the file, so a citation is a working
 *   link); the same holds for the document's own `](#slug)` links.
 * - Code and tests do not point at documents a person who clones the repository does not have:
 *   no section numbers of an outside design file, no tracker numbers ("issue" followed by a
 *   number), no nickname of the ScaiWave troubleshooting page. They say the behaviour, or cite
 *   a heading.
 * Failures list `file:line` for each offending place.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DESIGN = join(ROOT, 'docs', 'design.md');

/** Source and documentation files that may cite the design (data fixtures such as .har/.json are not prose). */
const TEXT_FILE = /\.(?:ts|tsx|js|mjs|cjs|html|css|md)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

/**
 * GitHub's anchor for a heading (the rule of github-slugger): lower case; every character
 * that is not a letter, a digit, a space, `-` or `_` dropped; each space turned into `-`. A
 * heading text seen before gets `-1`, `-2` … appended.
 */
function githubSlug(heading: string, seen: Map<string, number>): string {
  const base = heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
  const n = seen.get(base);
  seen.set(base, (n ?? -1) + 1);
  return n === undefined ? base : `${base}-${n + 1}`;
}

/** Slugs of every ATX heading (`#` … `######`) of a Markdown text, code blocks excluded. */
function headingSlugs(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.add(githubSlug(m[1] as string, seen));
  }
  return out;
}

/** Every text file under `dir` (relative to the repository root), recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs)) {
      if (SKIP_DIRS.has(name)) continue;
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TEXT_FILE.test(name)) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

/** `file:line: text` for every match of `pattern` (global) in `files`; `pick` turns a match into the reported text, or undefined to accept it. */
function scan(files: string[], pattern: RegExp, pick: (m: RegExpExecArray) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(new RegExp(pattern.source, pattern.flags))) {
        const bad = pick(m as RegExpExecArray);
        if (bad !== undefined) out.push(`${file}:${i + 1}: ${bad}`);
      }
    });
  }
  return out;
}

/** A citation: the design file's path, `#`, and the slug up to a character no slug has. */
const CITATION = /docs\/design\.md#(?!<)([^\s)`'"\]>,;:*]*)/g;

const slugs = headingSlugs(readFileSync(DESIGN, 'utf8'));
const citing = [...filesUnder('src'), ...filesUnder('test'), ...filesUnder('scripts'), 'README.md'];
const codeAndTests = [...filesUnder('src'), ...filesUnder('test'), ...filesUnder('scripts')];

describe('docs/design.md citations', () => {
  it('computes GitHub slugs the way GitHub does', () => {
    const seen = new Map<string, number>();
    expect(githubSlug('Order, sessions and connections', seen)).toBe('order-sessions-and-connections');
    expect(githubSlug('The scaiwave profile', seen)).toBe('the-scaiwave-profile');
    expect(githubSlug('HAR input', seen)).toBe('har-input');
    expect(githubSlug('Fault events & flags (v2)', seen)).toBe('fault-events--flags-v2');
    expect(githubSlug('HAR input', seen)).toBe('har-input-1');
    expect(headingSlugs('# A\n```\n# not a heading\n```\n## B c\n')).toEqual(new Set(['a', 'b-c']));
  });

  it('reads the headings of docs/design.md', () => {
    for (const s of ['wavetrace-design', 'places-and-data-flow', 'the-page-hook', 'trace-format', 'profile-fields', 'analysis', 'finding-codes', 'command-line', 'check']) {
      expect(slugs.has(s), s).toBe(true);
    }
  });

  it('every docs/design.md#<slug> in src/, test/, scripts/ and README.md names a heading', () => {
    let found = 0;
    const bad = scan(citing, CITATION, (m) => {
      found++;
      const slug = (m[1] as string).replace(/\.+$/, '');
      return slugs.has(slug) ? undefined : `#${slug} is not a heading of docs/design.md`;
    });
    expect(bad).toEqual([]);
    // The scan itself works: the code base cites the design in well over a hundred places.
    expect(found).toBeGreaterThan(100);
  });

  it("docs/design.md's own links to its headings resolve", () => {
    const bad = scan(['docs/design.md'], /\]\(#([^)\s]*)\)/g, (m) => (slugs.has(m[1] as string) ? undefined : `#${m[1]} is not a heading`));
    expect(bad).toEqual([]);
  });
});

describe('no pointers to documents outside the repository', () => {
  it('no section numbers of an outside design file', () => {
    expect(scan(codeAndTests, /DESIGN\.md\s*§\s*\S*/g, (m) => m[0])).toEqual([]);
  });

  it('no tracker numbers: say the behaviour instead', () => {
    expect(scan(codeAndTests, /\bissues?\s+#?\d+/gi, (m) => m[0])).toEqual([]);
  });

  it('no nickname of the ScaiWave troubleshooting page: cite docs/design.md#the-scaiwave-profile', () => {
    expect(scan(codeAndTests, /\bseed\s+page\b/gi, (m) => m[0])).toEqual([]);
  });
});
