/**
 * The panel page's automation handle, used by `wavetrace record` and `npm run demo` to export
 * what the panel holds through the same code path as the Export button. It lives on the
 * extension's own panel page (never on the inspected page, which must not see Wavetrace).
 */
import type { PanelStore } from './store';
import { buildExport, inferPage } from '../core/export/export-file';
import { TOOL_NAME } from '../version';
import type { Profile } from '../core/profile/types';
import { toProfileChoice } from '../core/view/profile-choice';
import type { ConnId } from '../core/events';
import { faultCommandError, type FaultCommand } from '../core/fault/fault-command';
import type { ResilienceProgress } from '../core/fault/resilience-runner';
import type { ResilienceCard } from '../core/fault/resilience-card';
import { profileStatusOf, type ProfileStatus } from '../core/fault/profile-wait';
import { resilienceOf, resilienceStripOpen, startResilience } from './resilience-session';

/** What `globalThis.wavetrace` offers on the panel page. */
export interface PanelAutomation {
  /** Number of events the panel holds. */
  eventCount(): number;
  /** Frames still waiting for their full preview (see page/recorder.ts, live preview budget). */
  pendingPreviews(): number;
  /**
   * The capture as trace JSON text (docs/design.md#trace-format), redacted unless `redact` is false. First
   * waits (up to 10 s) for full previews the hooks still owe (see PanelStore.completePreviews).
   * @param opts.page URL of the inspected page (redacted with the rest)
   */
  exportTrace(opts?: { redact?: boolean; page?: string; browser?: string; profile?: string | Profile }): Promise<string>;
  /** The capture as HAR JSON text (docs/design.md#har-import-and-export), after the same wait as {@link PanelAutomation.exportTrace}. */
  exportHar(opts?: { redact?: boolean }): Promise<string>;
  /** Id and URL of the newest connection still open (or connecting), or undefined. */
  newestOpenConnection(): { conn: ConnId; url: string } | undefined;
  /** Sends a fault command to the inspected tab (docs/design.md#fault-commands); returns why it is invalid, or '' when sent. */
  fault(command: FaultCommand): string;
  /** The resilience check of the panel (resilience-session.ts), for `wavetrace record --resilience`. */
  resilience: ResilienceAutomation;
}

/** Start, poll and cancel the panel's resilience check (docs/design.md#record). */
export interface ResilienceAutomation {
  /** Where the auto profile stands (core/fault/profile-wait.ts), for `record --resilience` without `--profile`. */
  profileStatus(): ProfileStatus;
  /** Starts a check (with `profile` first, when given: a built-in name or a profile); returns why it cannot start, or ''. */
  start(opts?: { profile?: string | Profile; origin?: 'panel' | 'cli' }): string;
  /** Advances the check and returns where it stands, with the card once done (undefined before any start). */
  progress(): { progress?: ResilienceProgress; done: boolean; card?: ResilienceCard; startedAt: number; steps: { group: string; label: string }[] } | undefined;
  /** Cancels a running check (a frozen link is thawed). */
  cancel(): void;
}


/** Installs `globalThis.wavetrace` on the panel page. */
export function installAutomation(store: PanelStore): void {
  const api: PanelAutomation = {
    eventCount: () => store.state.events.length,
    pendingPreviews: () => store.state.pendingPreviews.size,
    exportTrace: async (opts = {}) => {
      // `wavetrace record --profile`: analyse with it, and write it into the trace.
      if (opts.profile !== undefined) store.setProfileChoice(toProfileChoice(opts.profile));
      await store.completePreviews();
      const file = buildExport(store.state.events, {
        format: 'trace',
        redact: opts.redact !== false,
        redactKeys: store.redactKeys.value,
        page: opts.page ?? (store.source.value.page || inferPage(store.state.events)),
        browser: opts.browser ?? navigator.userAgent,
        tool: TOOL_NAME,
        profile: store.profileForExport(),
      });
      return new TextDecoder().decode(file.bytes);
    },
    exportHar: async (opts = {}) => {
      await store.completePreviews();
      const file = buildExport(store.state.events, {
        format: 'har',
        redact: opts.redact !== false,
        redactKeys: store.redactKeys.value,
        page: store.source.value.page || inferPage(store.state.events),
        browser: navigator.userAgent,
        tool: TOOL_NAME,
        profile: store.profile.value.profile.name,
      });
      return new TextDecoder().decode(file.bytes);
    },
    newestOpenConnection: () => {
      const order = store.state.connOrder;
      for (let i = order.length - 1; i >= 0; i--) {
        const c = store.state.connections.get(order[i]!);
        if (c && (c.status === 'open' || c.status === 'connecting')) return { conn: order[i]!, url: c.url };
      }
      return undefined;
    },
    fault: (command) => {
      const why = faultCommandError(command);
      if (why) return why;
      if (!store.requestFault) return 'no tab to send the fault to';
      store.requestFault(command);
      return '';
    },
    resilience: {
      profileStatus: () => {
        store.updateAutoProfile();
        return profileStatusOf(store.state, store.profileChoice.value, store.profile.value);
      },
      start: (opts = {}) => {
        // Without a profile the CLI waited for the auto profile (cli/record/resilience-run.ts).
        if (opts.profile !== undefined) store.setProfileChoice(toProfileChoice(opts.profile));
        const why = startResilience(store, opts.origin ?? 'cli');
        if (!why) resilienceStripOpen(store).value = true;
        return why;
      },
      progress: () => {
        const s = resilienceOf(store).value;
        if (!s) return undefined;
        s.tick();
        const card = s.card.value;
        const progress = s.progress.value;
        const steps = s.plan.steps.map((x) => ({ group: s.plan.groups[x.group]!.name, label: x.label }));
        return { ...(progress ? { progress } : {}), done: !s.running.value, ...(card ? { card } : {}), startedAt: s.startedAt, steps };
      },
      cancel: () => resilienceOf(store).value?.cancel(),
    },
  };
  (globalThis as unknown as { wavetrace: PanelAutomation }).wavetrace = api;
}
