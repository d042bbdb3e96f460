/**
 * Checks the built extension (run after `npm run build`, as `npm test` does): the page hook is
 * one classic script, both manifests are what each browser needs, nothing is web-accessible.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parse, tokenizer } from 'acorn';

const dist = (b: string, f: string) => new URL(`../../../dist/${b}/${f}`, import.meta.url);

describe.skipIf(!existsSync(dist('chrome', 'manifest.json')))('built extension', () => {
  const chrome = JSON.parse(readFileSync(dist('chrome', 'manifest.json'), 'utf8'));
  const firefox = JSON.parse(readFileSync(dist('firefox', 'manifest.json'), 'utf8'));

  it('emits the page hook as one classic script: parses as a script, no import/export, no loader', () => {
    const hookEntry = chrome.content_scripts.find((c: { world?: string }) => c.world === 'MAIN');
    expect(hookEntry.js).toHaveLength(1);
    const code = readFileSync(dist('chrome', hookEntry.js[0]), 'utf8');
    expect(() => parse(code, { ecmaVersion: 'latest', sourceType: 'script' })).not.toThrow();
    // A script cannot hold static import/export; no dynamic import() or import.meta either
    // (tokens, so the words in comments and strings do not count).
    const keywords = [...tokenizer(code, { ecmaVersion: 'latest' })].map((t) => t.type.keyword).filter((k) => k === 'import' || k === 'export');
    expect(keywords).toEqual([]);
    expect(code).not.toMatch(/chrome\.runtime|browser\.runtime/);
    expect(code.trimStart().startsWith('(function')).toBe(true);
  });

  it('runs both content scripts at document_start in every frame, the hook in the MAIN world', () => {
    for (const cs of chrome.content_scripts) {
      expect(cs).toMatchObject({ run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true });
    }
    expect(chrome.content_scripts.map((c: { world?: string }) => c.world ?? 'ISOLATED')).toEqual(['ISOLATED', 'MAIN']);
  });

  it('keeps a strict CSP on the extension pages: scripts only from the extension, no eval, no inline', () => {
    for (const m of [chrome, firefox]) {
      const csp: string = m.content_security_policy.extension_pages;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    }
    for (const page of ['src/panel/panel.html', 'src/viewer/viewer.html', 'src/devtools/devtools.html']) {
      const html = readFileSync(dist('chrome', page), 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script bodies
    }
  });

  it('exposes nothing web-accessible', () => {
    expect(chrome.web_accessible_resources ?? []).toEqual([]);
    expect(firefox.web_accessible_resources ?? []).toEqual([]);
  });

  it('gives Firefox background.scripts instead of service_worker, a gecko id and min version 128', () => {
    expect(firefox.background.scripts).toEqual([chrome.background.service_worker]);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('128.0');
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.background.scripts).toBeUndefined();
  });
});
