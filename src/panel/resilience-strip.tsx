/**
 * The resilience strip under the toolbar (docs/design.md#panel-and-viewer): before a check, the
 * planned sequence with what it skips and its longest duration, and Start (or, while no preset
 * matches, that Start first waits to learn the protocol); while Start waits for enough traffic
 * to learn it, how much it has seen, and Cancel; when nothing could be learned, why; while it runs, the
 * current step, time spent and the bound left, and Cancel (which thaws a frozen link); after
 * it, the report card. For a loaded trace with faults (the viewer) it shows the card of those
 * faults, from the trace's events and profile.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { planResilience } from '../core/fault/resilience-plan';
import { resultLine } from '../core/fault/resilience-card';
import { formatDuration } from '../core/format';
import { loadedCard, resilienceOf, resilienceStripOpen } from './resilience-session';
import { requestResilience, resilienceWaitOf } from './resilience-wait';
import { LEARN_FRAMES, LEARN_WAIT_MS, profileReady, profileStatusOf, type ProfileStatus } from '../core/fault/profile-wait';
import { CardView } from './resilience-card-view';

/** The strip (renders nothing while closed and no loaded trace holds faults). */
export function ResilienceStrip({ store }: { store: PanelStore }) {
  void store.version.value;
  const open = resilienceStripOpen(store);
  const session = resilienceOf(store).value;
  const [error, setError] = useState('');
  const [, tick] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  // Opening the strip puts the focus on Start.
  useEffect(() => {
    if (open.value) startRef.current?.focus();
  }, [open.value]);
  const wait = resilienceWaitOf(store).value;
  const waiting = wait?.phase === 'waiting';
  const running = (session?.running.value ?? false) || waiting;
  // Re-render while running (or waiting) so elapsed and remaining times move.
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, [running]);
  const loaded = !store.live.value ? loadedCard(store) : undefined;
  if (!open.value && !running && !(loaded && !dismissed)) return null;
  const start = (): void => setError(requestResilience(store, 'panel'));
  const close = (): void => {
    open.value = false;
    setDismissed(true);
    // Focus returns to the toolbar button that opened the strip.
    document.querySelector<HTMLElement>('[data-testid="resilience-button"]')?.focus();
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !running) {
      e.preventDefault();
      close();
    }
  };
  const head = (title: string, extra?: preact.ComponentChildren) => (
    <div class="rs-head">
      <strong>{title}</strong>
      <span class="spacer" />
      {extra}
      {!running && (
        <button type="button" class="icon" aria-label="Close the resilience strip" title="Close" onClick={close}>
          ✕
        </button>
      )}
    </div>
  );

  if (loaded) {
    const t0 = store.state.events[0]?.t ?? 0;
    return (
      <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Recoveries" data-testid="resilience-strip">
        {head(`Recoveries — ${loaded.rows.length} fault${loaded.rows.length === 1 ? '' : 's'} in this trace`)}
        <CardView store={store} card={loaded} t0={t0} />
      </section>
    );
  }

  if (wait?.phase === 'waiting') {
    const left = Math.max(0, wait.waitMs - (Date.now() - wait.startedAt));
    return (
      <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Resilience check" data-testid="resilience-strip">
        {head('Resilience check waiting to learn the protocol', <button type="button" onClick={() => wait.cancel()}>Cancel</button>)}
        <p role="status" aria-live="polite" data-testid="resilience-wait">
          {waitText(wait.status)} The plan is built from the learned profile; at most {formatDuration(left)} left to wait.
        </p>
      </section>
    );
  }

  if (session && (running || session.card.value)) {
    const p = session.progress.value;
    const card = session.card.value;
    if (running && p) {
      const pct = Math.round((100 * Math.max(0, p.step)) / Math.max(1, p.steps));
      return (
        <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Resilience check" data-testid="resilience-strip">
          {head('Resilience check running', <button type="button" onClick={() => session.cancel()}>Cancel</button>)}
          <div class="rs-progress" role="status" aria-live="polite">
            <progress max={p.steps} value={Math.max(0, p.step)} aria-label={`step ${p.step + 1} of ${p.steps}`} />
            <span>
              {p.group}: {p.label}
            </span>
            <span class="muted">
              step {Math.max(1, p.step + 1)} of {p.steps} ({pct} %) · {formatDuration(p.elapsedMs)} in this step · at most {formatDuration(p.remainingMs)} left in it, {formatDuration(p.totalRemainingMs)} in all
            </span>
          </div>
        </section>
      );
    }
    if (card) {
      return (
        <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Resilience check result" data-testid="resilience-strip">
          {head(resultLine(card), <button type="button" onClick={start}>Run again</button>)}
          {(error || wait) && <p class="warn">{error || wait?.reason}</p>}
          <CardView store={store} card={card} t0={session.startedAt} />
          {card.skipped.map((g) => (
            <p key={g.name} class="muted rs-skipped">
              Skipped {g.name}: {g.skipped}
            </p>
          ))}
        </section>
      );
    }
  }

  // Not started: what the check will do, under the profile in use (or that it learns one first).
  const profile = store.profile.value.profile;
  const status = profileStatusOf(store.state, store.profileChoice.value, store.profile.value);
  const plan = planResilience(profile);
  const bound = plan.steps.reduce((s, x) => s + x.timeoutMs, 0);
  const problem = error || wait?.reason;
  return (
    <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Resilience check" data-testid="resilience-strip">
      {head(
        'Resilience check',
        <button type="button" class="primary" ref={startRef} onClick={start}>
          Start
        </button>,
      )}
      {profileReady(status) ? (
        <>
          <p>
            Injects faults into the newest connection and grades how the client recovers, under the profile <strong>{profile.name}</strong>; it takes at most {formatDuration(bound)}.
          </p>
          <ol class="rs-plan">
            {plan.groups.map((g) => (
              <li key={g.name} class={g.skipped ? 'muted' : ''}>
                {g.name}
                {g.skipped ? ` — skipped: ${g.skipped}` : ''}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p data-testid="resilience-learn-first">
          Injects faults into the newest connection and grades how the client recovers.{' '}
          {status.frames === undefined
            ? `No connection yet: Start first waits for one (at most ${formatDuration(LEARN_WAIT_MS)}), then builds the plan from the profile detected for it, or learned from ${LEARN_FRAMES} of its frames.`
            : `No preset matches this protocol: Start first waits for enough traffic to learn it (${LEARN_FRAMES} frames of the first connection, or its close; at most ${formatDuration(LEARN_WAIT_MS)}), then builds the plan from the learned profile.`}
        </p>
      )}
      {problem && <p class="warn" role="alert">{problem}</p>}
    </section>
  );
}

/** What the wait has seen so far, one sentence. */
function waitText(s: ProfileStatus): string {
  if (s.frames === undefined) return 'No connection yet: waiting for one to learn its protocol.';
  return `No preset matches this protocol: waiting for enough traffic to learn it (${s.frames} of ${LEARN_FRAMES} frames of the first connection).`;
}
