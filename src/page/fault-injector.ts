/**
 * Fault injection in the page hook (docs/design.md#fault-injection): the one place where the
 * hook alters what the page sees, only on a command from the panel, the CLI or a test, and
 * free while no fault is armed (the hook's hot paths check {@link FaultInjector.armed} only).
 *
 * - `drop` / `close`: the real socket is closed natively (the server sees the client go away);
 *   every later real event of it is kept from the page, and in place of its real `close` the
 *   page hears made-up events, dispatched on the socket so `onclose` and `addEventListener`
 *   listeners hear them in their usual order, with `readyState` 3: `error` then `close` {1006,
 *   "", wasClean false} for a drop, `close` {code, reason, wasClean true} for a close.
 * - `freeze`: inbound frames are kept from the page and sends are not transmitted, until
 *   `thaw`, the page's own `close()`, a drop, or `ms` passed.
 * - `skip`: the next `count` inbound data frames are kept from the page.
 * - `refuse`: new sockets to the endpoint are closed natively before they open (the page hears
 *   the browser's own `error` and `close` 1006).
 * - `fail-sync`: the next `count` sync requests fail (fetch-hook.ts and xhr-hook.ts ask
 *   {@link FaultInjector.failSync}).
 * - `thaw`: {conn} ends a freeze and pending skips of it (recorded with `ms` when a timed
 *   freeze ran out: that ends the freeze only); {endpoint} ends a refuse of that ws:// prefix,
 *   or, for any other endpoint (the sync endpoint's path), the armed sync failures.
 * Frames kept from their destination are recorded with `faulted: true`, made-up events with
 * `synthetic: true`, and every applied command as a `fault` event.
 */
import type { ConnId } from '../core/events';
import type { FaultCommand } from '../core/fault/fault-command';
import type { Natives } from './natives';
import type { Recorder } from './recorder';

/** What the injector can do to one socket (built by the WebSocket hook, with that socket's realm). */
export interface SocketControl {
  readonly conn: ConnId;
  /** Closes the real socket natively (no page code runs, nothing is recorded as a page call). */
  closeNative(): void;
  /** Dispatches a made-up `error` or `close` on the socket (marked synthetic first). */
  dispatch(type: 'error' | 'close', init?: { code: number; reason: string; wasClean: boolean }): void;
  /** Fault state: frozen, frames to skip, the close to make up once the real one comes. */
  frozen: boolean;
  skip: number;
  closing: { error: boolean; code: number; reason: string; wasClean: boolean } | undefined;
  thawTimer: number;
  /** True while any of the above is set (counted in the injector's armed sockets). */
  active: boolean;
}

/** Fault state of one hook instance; see module comment. */
export class FaultInjector {
  /** True while any fault is armed: only then do the hook's hot paths ask anything else. */
  armed = false;
  /** Open sockets by connection id ('c' + id: no clash with Object.prototype names). */
  private readonly sockets: Record<string, SocketControl | undefined> = {};
  private readonly synthetic: WeakMap<object, boolean>;
  private refusals: { endpoint: string; until: number; origin: FaultCommand['origin'] }[] = [];
  private syncFailures: { count: number; status: number | 'network' } | undefined;
  private active = 0;

  constructor(
    private readonly n: Natives,
    private readonly rec: Recorder,
  ) {
    this.synthetic = new n.WeakMapCtor<object, boolean>();
  }

  /** A new socket: commands can name it from now on. */
  register(ctl: SocketControl): void {
    this.sockets['c' + ctl.conn] = ctl;
  }

  /** The socket closed for good (its real `close` fired). */
  unregister(conn: ConnId): void {
    const ctl = this.sockets['c' + conn];
    if (!ctl) return;
    this.clear(ctl);
    this.sockets['c' + conn] = undefined;
  }

  /** Marks an event as made up (the hook's own listener records it as synthetic and lets it pass). */
  markSynthetic(ev: object): void {
    this.n.apply(this.n.weakMapSet, this.synthetic, [ev, true]);
  }

  /** True for an event {@link FaultInjector.markSynthetic} marked. */
  isSynthetic(ev: object): boolean {
    return this.n.apply(this.n.weakMapHas, this.synthetic, [ev]) === true;
  }

  /**
   * A real event of `conn` is about to reach the page: true when a fault keeps it away (the
   * caller stops its propagation; a kept `message` is recorded as faulted). A kept `close`
   * ends a drop or close: the made-up events follow at once.
   */
  intercept(conn: ConnId, type: string): boolean {
    const ctl = this.sockets['c' + conn];
    if (!ctl) return false;
    if (ctl.closing) {
      if (type === 'close') {
        const c = ctl.closing;
        // Still armed while they are dispatched: the hook's listener knows them as synthetic.
        if (c.error) ctl.dispatch('error');
        ctl.dispatch('close', { code: c.code, reason: c.reason, wasClean: c.wasClean });
        this.unregister(conn);
      }
      return true;
    }
    if (type === 'close') {
      this.unregister(conn);
      return false;
    }
    if (type !== 'message') return false;
    if (ctl.frozen) return true;
    if (ctl.skip > 0) {
      ctl.skip--;
      if (ctl.skip === 0) this.clear(ctl);
      return true;
    }
    return false;
  }

  /** True when a `send()` on `conn` must not be transmitted (a frozen link). */
  holdsSend(conn: ConnId): boolean {
    const ctl = this.sockets['c' + conn];
    return ctl !== undefined && ctl.frozen && !ctl.closing;
  }

  /** The page closes a frozen socket itself: the freeze ends. */
  pageCloses(conn: ConnId): void {
    const ctl = this.sockets['c' + conn];
    if (ctl && ctl.frozen) this.clear(ctl);
  }

  /** The refusal covering a new socket to `url`, if any (expired ones are dropped). */
  refusal(url: string): { endpoint: string; origin: FaultCommand['origin'] } | undefined {
    const now = this.n.now();
    const keep: typeof this.refusals = [];
    let hit: (typeof this.refusals)[number] | undefined;
    for (let i = 0; i < this.refusals.length; i++) {
      const r = this.refusals[i]!;
      if (r.until <= now) continue;
      keep[keep.length] = r;
      if (!hit && this.n.apply(this.n.strIndexOf, url, [r.endpoint]) === 0) hit = r;
    }
    this.refusals = keep;
    this.rearm();
    return hit ? { endpoint: hit.endpoint, origin: hit.origin } : undefined;
  }

  /** Consumes one armed sync failure: the status to answer with, "network", or undefined. */
  failSync(): number | 'network' | undefined {
    const f = this.syncFailures;
    if (!f) return undefined;
    if (--f.count <= 0) this.syncFailures = undefined;
    this.rearm();
    return f.status;
  }

  /** Applies a command and records it as a `fault` event; a command naming an unknown socket does nothing. */
  apply(cmd: FaultCommand): void {
    const ctl = cmd.conn !== undefined ? this.sockets['c' + cmd.conn] : undefined;
    switch (cmd.kind) {
      case 'drop':
      case 'close':
        if (!ctl || ctl.closing) return;
        this.record(cmd);
        this.arm(ctl);
        ctl.closing = cmd.kind === 'drop' ? { error: true, code: 1006, reason: '', wasClean: false } : { error: false, code: cmd.code ?? 1000, reason: cmd.reason ?? '', wasClean: true };
        ctl.closeNative();
        return;
      case 'freeze':
        if (!ctl || ctl.closing) return;
        this.record(cmd);
        this.arm(ctl);
        ctl.frozen = true;
        if (cmd.ms !== undefined) {
          const at = (ctl.thawTimer = this.n.now());
          this.n.setTimeout(() => {
            // Recorded with the freeze's `ms`: a timed freeze ran out (it ends the freeze only).
            if (ctl.frozen && ctl.thawTimer === at) this.apply({ kind: 'thaw', conn: ctl.conn, ms: cmd.ms, origin: cmd.origin });
          }, cmd.ms);
        }
        return;
      case 'thaw':
        if (ctl && (ctl.frozen || (ctl.skip > 0 && cmd.ms === undefined)) && !ctl.closing) {
          // A thaw command ends the freeze and any pending skip; a timed freeze running out (`ms`) only the freeze.
          this.record(cmd);
          ctl.frozen = false;
          if (cmd.ms === undefined) ctl.skip = 0;
          if (ctl.skip === 0) this.clear(ctl);
        } else if (cmd.endpoint !== undefined && !this.isWsUrl(cmd.endpoint)) {
          // Not a ws:// endpoint: the sync endpoint; ends the armed sync failures.
          if (!this.syncFailures) return;
          this.syncFailures = undefined;
          this.record(cmd);
          this.rearm();
        } else if (cmd.endpoint !== undefined) {
          const keep: typeof this.refusals = [];
          for (let i = 0; i < this.refusals.length; i++) if (this.refusals[i]!.endpoint !== cmd.endpoint) keep[keep.length] = this.refusals[i]!;
          if (keep.length === this.refusals.length) return;
          this.refusals = keep;
          this.record(cmd);
          this.rearm();
        }
        return;
      case 'skip':
        if (!ctl || ctl.closing) return;
        this.record(cmd);
        this.arm(ctl);
        ctl.skip += cmd.count ?? 1;
        return;
      case 'refuse':
        if (cmd.endpoint === undefined) return;
        this.record(cmd);
        this.refusals[this.refusals.length] = { endpoint: cmd.endpoint, until: this.n.now() + (cmd.ms ?? 0), origin: cmd.origin };
        this.armed = true;
        return;
      case 'fail-sync':
        this.record(cmd);
        this.syncFailures = { count: cmd.count ?? 1, status: cmd.status ?? 503 };
        this.armed = true;
        return;
    }
  }

  /** Records a `fault` event with the command's fields. */
  record(cmd: FaultCommand, conn?: ConnId): void {
    const e: Record<string, unknown> = { t: this.rec.now(), type: 'fault', kind: cmd.kind, origin: cmd.origin };
    const c = conn ?? cmd.conn;
    if (c !== undefined) e.conn = c;
    if (cmd.endpoint !== undefined) e.endpoint = cmd.endpoint;
    if (cmd.code !== undefined) e.code = cmd.code;
    if (cmd.reason !== undefined) e.reason = cmd.reason;
    if (cmd.ms !== undefined) e.ms = cmd.ms;
    if (cmd.count !== undefined) e.count = cmd.count;
    if (cmd.status !== undefined) e.status = cmd.status;
    this.rec.record(e as unknown as Parameters<Recorder['record']>[0]);
  }

  /** True for a ws:// or wss:// URL (captured natives only: the page may have patched String.prototype). */
  private isWsUrl(url: string): boolean {
    const up = this.n.apply(this.n.strToUpperCase, url, []) as string;
    return this.n.apply(this.n.strIndexOf, up, ['WS://']) === 0 || this.n.apply(this.n.strIndexOf, up, ['WSS://']) === 0;
  }

  private arm(ctl: SocketControl): void {
    if (!ctl.active) this.active++;
    ctl.active = true;
    this.armed = true;
  }

  private clear(ctl: SocketControl): void {
    if (ctl.active) this.active--;
    ctl.active = false;
    ctl.frozen = false;
    ctl.skip = 0;
    ctl.closing = undefined;
    this.rearm();
  }

  private rearm(): void {
    this.armed = this.active > 0 || this.refusals.length > 0 || this.syncFailures !== undefined;
  }
}
