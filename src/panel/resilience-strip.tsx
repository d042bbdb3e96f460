/**
 * The resilience strip under the toolbar (docs/design.md#panel-and-viewer): before a check, the
 * planned sequence with what it skips and its longest duration, and Start; while it runs, the
 * current step, time spent and the bound left, and Cancel (which thaws a frozen link); after
 * it, the report card. For a loaded trace with faults (the viewer) it shows the card of those
 * faults, from the trace's events and profile.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { planResilience } from '../core/fault/resilience-plan';
import { resultLine } from '../core/fault/resilience-card';
import { formatDuration } from '../core/format';
import { loadedCard, resilienceOf, resilienceStripOpen, startResilience } from './resilience-session';
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
  const running = session?.running.value ?? false;
  // Re-render while running so elapsed and remaining times move.
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, [running]);
  const loaded = !store.live.value ? loadedCard(store) : undefined;
  if (!open.value && !running && !(loaded && !dismissed)) return null;
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
          {head(resultLine(card), <button type="button" onClick={() => setError(startResilience(store, 'panel'))}>Run again</button>)}
          {error && <p class="warn">{error}</p>}
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

  // Not started: what the check will do, under the profile in use.
  const profile = store.profile.value.profile;
  const plan = planResilience(profile);
  const bound = plan.steps.reduce((s, x) => s + x.timeoutMs, 0);
  return (
    <section onKeyDown={onKeyDown} class="resilience-strip" aria-label="Resilience check" data-testid="resilience-strip">
      {head(
        'Resilience check',
        <button type="button" class="primary" ref={startRef} onClick={() => setError(startResilience(store, 'panel'))}>
          Start
        </button>,
      )}
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
      {error && <p class="warn" role="alert">{error}</p>}
    </section>
  );
}
