/**
 * Same-origin child realms the browser has not hooked yet. Chromium and Firefox inject the
 * hook into an iframe's initial about:blank document only when the frame is created without
 * `src`/`srcdoc`; for a frame created with one, its initial document (reachable until the
 * navigation commits) runs no content script. A page can take natives from there
 * (`iframe.contentWindow.WebSocket`, the "clean iframe" trick), so the hook wraps the
 * `contentWindow` / `contentDocument` getters of frames and objects, and `window.open`: a
 * same-origin realm they return that is not hooked yet (its `toString` is still the native)
 * is adopted, i.e. hooked by this instance, its sockets labelled with that realm's URL.
 * A realm is never hooked twice: hooked realms are recognised by their wrapped `toString`.
 */
import type { HookContext } from './hook-context';
import { replaceValue, wrapApply } from './hook-context';
import { captureNatives, type Natives } from './natives';
import { anonymousText, realmIsMasked } from './masks';
import { installRealm } from './install-realm';

/** Wraps the frame accessors of realm `win` so unhooked same-origin realms get hooked on first access. */
export function installFrameAdoption(win: Window & typeof globalThis, rn: Natives, ctx: HookContext): void {
  const n = ctx.n;
  const anon = anonymousText(n);
  const seen = new n.WeakMapCtor<object, true>();

  const adopt = (child: unknown): void => {
    if (child === null || typeof child !== 'object' || child === win) return;
    ctx.guard(() => {
      const fd = n.getOwnPropertyDescriptor(child, 'Function'); // throws for a cross-origin window
      const F = fd && 'value' in fd ? (fd.value as FunctionConstructor) : undefined;
      if (typeof F !== 'function') return;
      const pd = n.getOwnPropertyDescriptor(F, 'prototype');
      const fnProto = pd?.value as object | undefined;
      if (!fnProto || n.apply(n.weakMapHas, seen, [fnProto])) return;
      n.apply(n.weakMapSet, seen, [fnProto, true]);
      if (realmIsMasked(n, fnProto, anon)) return;
      const cw = child as Window & typeof globalThis;
      const cn = captureNatives(cw);
      // The browser may keep this window (and our wrappers) for the frame's next document,
      // which then gets its own hook: from then on these wrappers only pass calls through.
      const docGet = n.getOwnPropertyDescriptor(cw, 'document')?.get;
      const doc = docGet ? n.apply(docGet, cw, []) : undefined;
      const live = (): boolean => {
        try {
          return !!docGet && n.apply(docGet, cw, []) === doc;
        } catch {
          return false;
        }
      };
      const realmCtx: HookContext = {
        ...ctx,
        guard(fn) {
          if (live()) ctx.guard(fn);
        },
      };
      ctx.masks.installInto(fnProto, cn.fnToString);
      const frameUrl = (): string => {
        try {
          return n.apply(cn.locationHref, cn.location, []) as string;
        } catch {
          return '';
        }
      };
      installRealm(cw, cn, realmCtx, frameUrl);
      installFrameAdoption(cw, cn, realmCtx);
    });
  };

  const wrapGetter = (proto: object | undefined, name: 'contentWindow' | 'contentDocument'): void => {
    if (!proto) return;
    const d = n.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.get !== 'function') return;
    const get = wrapApply(ctx, d.get as (this: unknown) => unknown, (target, thisArg, args) => {
      const r = n.apply(target, thisArg, args);
      if (r !== null && r !== undefined) {
        if (name === 'contentWindow') adopt(r);
        else ctx.guard(() => adopt(n.apply(docDefaultView as (this: unknown) => unknown, r, [])));
      }
      return r;
    });
    n.defineProperty(proto, name, { configurable: d.configurable, enumerable: d.enumerable, get, set: d.set });
  };
  const docDefaultView = n.getOwnPropertyDescriptor(win.Document?.prototype ?? {}, 'defaultView')?.get;

  const g = win as unknown as Record<string, { prototype: object } | undefined>;
  const ifaces = ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'];
  for (let i = 0; i < ifaces.length; i++) {
    const proto = g[ifaces[i] as string]?.prototype;
    wrapGetter(proto, 'contentWindow');
    if (docDefaultView) wrapGetter(proto, 'contentDocument');
  }

  const od = n.getOwnPropertyDescriptor(win, 'open');
  const nativeOpen = od && 'value' in od ? (od.value as Window['open']) : undefined;
  if (typeof nativeOpen === 'function') {
    const open = wrapApply(ctx, nativeOpen, (target, thisArg, args) => {
      const r = n.apply(target, thisArg, args);
      adopt(r);
      return r;
    });
    replaceValue(n, win, 'open', open);
  }
  void rn;
}
