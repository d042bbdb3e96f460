/**
 * Applies a `relay-config` message (the active profile's sync paths and the capture limits,
 * see core/store/capture-config.ts) to a running hook. The page world receives it as JSON from
 * the relay, which already sanitised it; values are checked again here by type only.
 */
import type { HookContext } from './hook-context';
import type { CaptureConfig } from '../core/store/capture-config';

/** Updates the sync matcher and the recorder limits. */
export function applyHookConfig(ctx: HookContext, c: Partial<CaptureConfig>): void {
  if (!c || typeof c !== 'object') return;
  if (ctx.n.isArray(c.syncPaths)) ctx.sync.setPaths(c.syncPaths);
  const num = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 && v === v ? v : undefined);
  const limits: Partial<CaptureConfig> = {};
  const maxEvents = num(c.maxEvents);
  const maxPreviewBytes = num(c.maxPreviewBytes);
  const previewCap = num(c.previewCap);
  const bodyCap = num(c.bodyCap);
  if (maxEvents !== undefined) limits.maxEvents = maxEvents;
  if (maxPreviewBytes !== undefined) limits.maxPreviewBytes = maxPreviewBytes;
  if (previewCap !== undefined) limits.previewCap = previewCap;
  if (bodyCap !== undefined) limits.bodyCap = bodyCap;
  ctx.rec.configure(limits);
}
