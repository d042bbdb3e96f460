/**
 * The layering rules (docs/design.md#layering-rules), checked on the source: every import of
 * every file under src/ is read with the TypeScript parser (so an import named in a comment or a
 * string does not count, and `import type`, `export … from` and `import()` do), and each rule
 * fails naming the file and the import that breaks it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../../..');

/** npm libraries src/core may import (each with its subpaths, e.g. `@noble/hashes/sha2.js`). */
const CORE_LIBRARIES = ['valibot', 'fflate', '@noble/hashes', 're2js'];

/**
 * The core modules the page hook may import: small, pure, and closed (they import only each
 * other), because the hook ships as one classic script injected into every page.
 */
const PAGE_CORE_MODULES = [
  'src/core/events.ts',
  'src/core/ring-buffer.ts',
  'src/core/bridge/messages.ts',
  'src/core/bridge/page-channel.ts',
  'src/core/store/capture-config.ts',
  'src/core/fault/fault-command.ts',
  'src/core/har/base64.ts',
];

/** The places that render UI, the only ones that may import preact and @preact/*. */
const PREACT_PLACES = ['src/panel/', 'src/viewer/'];

interface Import {
  /** Path of the importing file, relative to the repository root (`src/…`). */
  file: string;
  /** The module specifier as written. */
  spec: string;
  /** For a relative specifier: the path it points at, relative to the root, without extension; else null. */
  target: string | null;
}

/**
 * Module specifiers of one source text: static imports and re-exports (type-only ones too),
 * `import x = require()`, dynamic `import()`, `import('…')` types and `require()` calls.
 */
function importsOf(fileName: string, text: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e)) specs.push(e.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    } else if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const arg = node.arguments[0];
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg)) specs.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|js|mjs)$/.test(f))
    .map((f) => `${dir}/${f.split('\\').join('/')}`)
    .sort();
}

function readImports(): Import[] {
  return sourceFiles('src').flatMap((file) =>
    importsOf(file, readFileSync(join(ROOT, file), 'utf8')).map((spec) => ({
      file,
      spec,
      target: spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).split('\\').join('/').replace(/\.(ts|tsx|js|mjs)$/, '') : null,
    })),
  );
}

const isLibrary = (spec: string, libs: readonly string[]) => libs.some((l) => spec === l || spec.startsWith(`${l}/`));
const show = (i: Import) => `${i.file} imports '${i.spec}'`;
const noExt = (p: string) => p.replace(/\.(ts|tsx)$/, '');

describe('layering of src/', () => {
  const imports = readImports();

  it('reads the imports with a parser: comments and strings do not count, every import form does', () => {
    const text = [
      "// import bad from '../../scripts/x';",
      "/* export * from 'preact'; */",
      "const s = \"import('../test/y')\";",
      "import type { A } from './a';",
      "import './side-effect';",
      "export { b } from '../b';",
      "export * as c from 'valibot';",
      "type D = import('./d').D;",
      "const e = await import('./e');",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual(['./a', './side-effect', '../b', 'valibot', './d', './e']);
    // The walk sees the whole tree: a sizeable project, with its known core → core imports.
    expect(imports.length).toBeGreaterThan(300);
    expect(imports).toContainEqual({ file: 'src/core/bridge/messages.ts', spec: '../events', target: 'src/core/events' });
  });

  it('src/core imports only src/core and its npm libraries (valibot, fflate, @noble/hashes, re2js)', () => {
    const bad = imports
      .filter((i) => i.file.startsWith('src/core/'))
      .filter((i) => (i.target === null ? !isLibrary(i.spec, CORE_LIBRARIES) : !i.target.startsWith('src/core/')));
    expect(bad.map(show)).toEqual([]);
  });

  it('src/page imports only its own files and the allowed small pure core modules, no npm library', () => {
    const allowed = new Set(PAGE_CORE_MODULES.map(noExt));
    const bad = imports
      .filter((i) => i.file.startsWith('src/page/'))
      .filter((i) => i.target === null || !(i.target.startsWith('src/page/') || allowed.has(i.target)));
    expect(bad.map(show)).toEqual([]);
  });

  it('the core modules allowed in the page import only each other (nothing else reaches the hook)', () => {
    const allowed = new Set(PAGE_CORE_MODULES.map(noExt));
    const bad = imports.filter((i) => allowed.has(noExt(i.file))).filter((i) => i.target === null || !allowed.has(i.target));
    expect(bad.map(show)).toEqual([]);
    // Every listed module exists (a rename must update the list, not silently widen it).
    const files = new Set(sourceFiles('src'));
    expect(PAGE_CORE_MODULES.filter((m) => !files.has(m))).toEqual([]);
  });

  it('nothing in src imports scripts/ or test/', () => {
    const bad = imports.filter((i) => i.target !== null && /^(scripts|test)\//.test(i.target));
    expect(bad.map(show)).toEqual([]);
  });

  it('only src/panel and src/viewer import preact and @preact/*', () => {
    const bad = imports
      .filter((i) => isLibrary(i.spec, ['preact']) || i.spec.startsWith('@preact/'))
      .filter((i) => !PREACT_PLACES.some((p) => i.file.startsWith(p)));
    expect(bad.map(show)).toEqual([]);
  });
});
