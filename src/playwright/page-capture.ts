/**
 * One Playwright page recorded by the fixture (docs/design.md#package-and-playwright-fixture):
 * the page hook runs as a context init script in the page's own world; the fixture's relay
 * (relay-world.iife.ts) runs in a Chromium isolated world and passes each batch to a CDP binding
 * that exists only in that world. Batches are validated as the hub validates them (the page world
 * is untrusted) and ingested into a capture state exactly as the panel does.
 */
import type { CDPSession, Page } from '@playwright/test';
import { parseHookBatchText } from '../core/bridge/validate-batch';
import { createCaptureState, type CaptureState } from '../core/store/capture-state';
import { ingestBatch } from '../core/store/ingest';
import type { FaultCommand } from '../core/fault/fault-command';

/** Name of the isolated world the fixture's relay runs in (one per frame). */
export const RELAY_WORLD = 'wavetrace-fixture-relay';
/** Name of the CDP binding, present only in {@link RELAY_WORLD}. */
export const RELAY_BINDING = 'wavetraceFixtureOut';

/** How long the hook must stay silent before the capture counts as settled, ms (well above its 16 ms flush interval). */
const QUIET_MS = 120;
/** Longest {@link PageCapture.settle} waits for the hook's remaining batches, ms. */
const SETTLE_MAX_MS = 3000;

/** A recorded page: its capture state grows while the page runs. */
export class PageCapture {
  /** Events as the panel would hold them (trace-wide seq, previews filled in when they arrive). */
  readonly state: CaptureState = createCaptureState();
  /** Batches that failed validation (dropped, as the hub drops them). */
  rejected = 0;
  private readonly worlds = new Set<number>();
  private lastBatchAt = 0;
  private closed = false;

  private constructor(
    readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  /**
   * Starts recording `page`: enables Runtime on a CDP session of its own, adds the binding and
   * the relay script (`relaySource`, a classic script, preceded by its config) to every frame's
   * isolated world, including the document already loaded.
   * @throws the CDP error when the page is gone or the browser is not Chromium
   */
  static async attach(page: Page, relaySource: string, syncPaths?: readonly string[]): Promise<PageCapture> {
    const session = await page.context().newCDPSession(page);
    const c = new PageCapture(page, session);
    session.on('Runtime.bindingCalled', (ev) => {
      if (ev.name === RELAY_BINDING) c.onPayload(ev.payload);
    });
    session.on('Runtime.executionContextCreated', (ev) => {
      if (ev.context.name === RELAY_WORLD) c.worlds.add(ev.context.id);
    });
    session.on('Runtime.executionContextDestroyed', (ev) => c.worlds.delete(ev.executionContextId));
    session.on('Runtime.executionContextsCleared', () => c.worlds.clear());
    page.once('close', () => {
      c.closed = true;
    });
    const config = { binding: RELAY_BINDING, ...(syncPaths ? { syncPaths: [...syncPaths] } : {}) };
    // Page must be enabled on this session too, or its new-document scripts run only in the document already loaded.
    await session.send('Page.enable');
    await session.send('Runtime.enable');
    await session.send('Runtime.addBinding', { name: RELAY_BINDING, executionContextName: RELAY_WORLD });
    await session.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `var wavetraceRelayConfig = ${JSON.stringify(config)};\n${relaySource}`,
      worldName: RELAY_WORLD,
      runImmediately: true,
    });
    return c;
  }

  /** One binding call: "<hook src>\n<hook-batch JSON text>". */
  private onPayload(payload: string): void {
    const nl = payload.indexOf('\n');
    const batch = nl > 0 ? parseHookBatchText(payload.slice(nl + 1), payload.slice(0, nl)) : undefined;
    if (!batch) {
      this.rejected++;
      return;
    }
    this.lastBatchAt = Date.now();
    ingestBatch(this.state, batch);
  }

  /**
   * Asks every frame's hook for what it has not sent yet, including full previews still owed
   * (as the panel does before an export), then waits until the batches stop (quiet for
   * {@link QUIET_MS} with no preview owed, at most {@link SETTLE_MAX_MS}). A closed page is
   * already settled (its hooks flushed on pagehide).
   */
  async settle(): Promise<void> {
    if (this.closed) return;
    const asked = Date.now();
    for (const id of [...this.worlds]) {
      await this.session.send('Runtime.evaluate', { expression: 'globalThis.wavetraceRelayFillAll?.()', contextId: id }).catch(() => undefined);
    }
    const end = asked + SETTLE_MAX_MS;
    while (Date.now() < end && !this.closed) {
      const quiet = Date.now() - Math.max(this.lastBatchAt, asked) >= QUIET_MS;
      if (quiet && this.state.pendingPreviews.size === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Hands a (validated) fault command to the relay of every frame, which passes it to its hook
   * as `relay-fault` over the private channel (docs/design.md#fault-commands); the hook of the
   * frame that owns the connection applies it and records a `fault` event.
   * @returns how many frames' hooks were told (0: no hook has met its relay yet)
   */
  async fault(command: FaultCommand): Promise<number> {
    if (this.closed) return 0;
    let told = 0;
    for (const id of [...this.worlds]) {
      const r = await this.session
        .send('Runtime.evaluate', { expression: `globalThis.wavetraceRelayFault?.(${JSON.stringify(command)}) === true`, contextId: id, returnByValue: true })
        .catch(() => undefined);
      if (r?.result.value === true) told++;
    }
    return told;
  }

  /** Stops listening (the page's recording stays readable). */
  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}
