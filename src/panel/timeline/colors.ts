/**
 * Timeline colours, read from the theme's CSS custom properties (styles.css, light and dark
 * follow DevTools via `[data-theme]`), so the canvas matches the DOM in both themes.
 */

/** Every colour the timeline paints with (CSS colour strings). */
export interface TimelineColors {
  bg: string;
  bgAlt: string;
  bgSel: string;
  fg: string;
  muted: string;
  border: string;
  grid: string;
  accent: string;
  dataIn: string;
  dataOut: string;
  heartbeat: string;
  hello: string;
  sync: string;
  bar: string;
  connecting: string;
  clean: string;
  abnormal: string;
  auth: string;
  abort: string;
  fatal: string;
  /** Injected faults (timeline-faults.ts). */
  fault: string;
  error: string;
  warning: string;
  info: string;
  position: string;
  font: string;
  mono: string;
}

const VARS: Record<keyof TimelineColors, string> = {
  bg: '--bg', bgAlt: '--bg-alt', bgSel: '--bg-sel', fg: '--fg', muted: '--muted', border: '--border', grid: '--grid', accent: '--accent',
  dataIn: '--in', dataOut: '--out', heartbeat: '--heartbeat', hello: '--hello', sync: '--sync', bar: '--bar', connecting: '--connecting',
  clean: '--clean', abnormal: '--abnormal', auth: '--auth', abort: '--abort', fatal: '--fatal', fault: '--fault', error: '--err', warning: '--warn', info: '--info',
  position: '--position', font: '--ui-font', mono: '--mono',
};

/** Reads the colours from `el`'s computed style (defaults when a variable is missing). */
export function readColors(el: Element = document.documentElement): TimelineColors {
  const cs = getComputedStyle(el);
  const out = {} as TimelineColors;
  for (const [k, v] of Object.entries(VARS) as Array<[keyof TimelineColors, string]>) {
    out[k] = cs.getPropertyValue(v).trim() || (k === 'font' ? 'system-ui, sans-serif' : k === 'mono' ? 'monospace' : '#888');
  }
  return out;
}

/** Colour of a scene class (close class, verdict, sync outcome, severity). */
export function classColor(c: TimelineColors, cls: string): string {
  switch (cls) {
    case 'clean':
      return c.clean;
    case 'abnormal':
      return c.abnormal;
    case 'auth':
      return c.auth;
    case 'abort':
      return c.abort;
    case 'fatal':
      return c.fatal;
    case 'error':
    case 'too-fast':
    case 'failed':
      return c.error;
    case 'warning':
    case 'too-slow':
      return c.warning;
    case 'info':
      return c.info;
    case 'pending':
      return c.muted;
    case 'ok':
      return c.sync;
    default:
      return c.muted;
  }
}
