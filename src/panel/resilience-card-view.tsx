/**
 * The resilience report card (docs/design.md#panel-and-viewer): one row per fault with its
 * recovery verdict, expandable to the judged steps with their messages and numbers. Selecting a
 * row or a step marks its evidence in the table and on the timeline (the store's `evidence`
 * signal). A tree: Up/Down move, Right expands (or enters the steps), Left collapses (or goes
 * back to the row), Enter/Space select; Home/End jump.
 */
import { batch } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import type { CardRow, ResilienceCard } from '../core/fault/resilience-card';
import type { RecoveryStep } from '../core/analysis/recovery-types';
import { eventIndexOfSeq } from '../core/view/evidence';
import { formatDuration } from '../core/format';
import { visibleText } from '../core/visible-text';
import { connLabel, withLaneLabels } from './fault-actions';

/** Props: the store whose table and timeline show the evidence, the card, and the time rows are relative to. */
export interface CardViewProps {
  store: PanelStore;
  card: ResilienceCard;
  t0: number;
}

const VERDICT: Record<CardRow['verdict'], string> = { recovered: 'recovered', failed: 'failed', inconclusive: 'inconclusive', 'not-judged': 'not judged' };
const stepMark = (ok: RecoveryStep['ok']): string => (ok === true ? '✓' : ok === false ? '✗' : '?');
const stepClass = (ok: RecoveryStep['ok']): string => (ok === true ? 'recovered' : ok === false ? 'failed' : 'inconclusive');

/** Marks the events with these `seq`s as evidence, selects the first one and reveals them on the timeline. */
export function markEvidence(store: PanelStore, seqs: readonly number[]): void {
  const events = store.state.events;
  const idx = [...new Set(seqs)].map((s) => eventIndexOfSeq(events, s)).filter((i) => i >= 0).sort((a, b) => a - b);
  if (!idx.length) return;
  batch(() => {
    store.selectFinding(undefined);
    store.evidence.value = idx;
    store.selectEvent(idx[0]);
  });
  store.reveal(events[idx[0]!]!.t, events[idx[idx.length - 1]!]!.t);
}

interface Item {
  key: string;
  row: number;
  step?: number;
}

/** The card as a keyboard-navigable tree (see the module comment). */
export function CardView({ store, card, t0 }: CardViewProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set(card.rows.flatMap((r, i) => (r.verdict === 'failed' ? [i] : []))));
  const [focus, setFocus] = useState('r0');
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const ref = useRef<HTMLUListElement>(null);
  const items: Item[] = [];
  card.rows.forEach((r, i) => {
    items.push({ key: `r${i}`, row: i });
    if (open.has(i)) r.steps.forEach((_, j) => items.push({ key: `r${i}s${j}`, row: i, step: j }));
  });
  if (!card.rows.length) return <p class="muted">No fault was applied.</p>;
  const toggle = (i: number, to?: boolean): void => {
    const next = new Set(open);
    if (to ?? !next.has(i)) next.add(i);
    else next.delete(i);
    setOpen(next);
  };
  const select = (it: Item): void => {
    const r = card.rows[it.row]!;
    const s = it.step === undefined ? undefined : r.steps[it.step];
    const seqs = s ? (s.evidence.length ? s.evidence : [r.fault]) : [r.fault, ...r.steps.flatMap((x) => x.evidence)];
    setPicked(it.key);
    setFocus(it.key);
    markEvidence(store, seqs);
  };
  const moveTo = (key: string): void => {
    setFocus(key);
    ref.current?.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent, it: Item): void => {
    const at = items.findIndex((x) => x.key === it.key);
    let handled = true;
    if (e.key === 'ArrowDown') moveTo(items[Math.min(items.length - 1, at + 1)]!.key);
    else if (e.key === 'ArrowUp') moveTo(items[Math.max(0, at - 1)]!.key);
    else if (e.key === 'Home') moveTo(items[0]!.key);
    else if (e.key === 'End') moveTo(items[items.length - 1]!.key);
    else if (e.key === 'ArrowRight' && it.step === undefined) {
      if (!open.has(it.row)) toggle(it.row, true);
      else if (card.rows[it.row]!.steps.length) moveTo(`r${it.row}s0`);
    } else if (e.key === 'ArrowLeft') {
      if (it.step !== undefined) moveTo(`r${it.row}`);
      else toggle(it.row, false);
    } else if (e.key === 'Enter' || e.key === ' ') select(it);
    else handled = false;
    // Steps sit inside their row's element: the row must not handle the key again.
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  const itemProps = (it: Item) => ({
    'data-key': it.key,
    tabIndex: focus === it.key ? 0 : -1,
    'aria-selected': picked === it.key,
    onKeyDown: (e: KeyboardEvent) => onKey(e, it),
    onFocus: () => setFocus(it.key),
  });
  return (
    <ul class="rc-tree" role="tree" aria-label="Recoveries" ref={ref} data-testid="resilience-card">
      {card.rows.map((r, i) => {
        const row: Item = { key: `r${i}`, row: i };
        return (
          <li key={r.fault} role="treeitem" aria-expanded={r.steps.length ? open.has(i) : undefined} aria-level={1} class={`rc-row ${picked === row.key ? 'picked' : ''}`} {...itemProps(row)} onClick={(e) => { e.stopPropagation(); select(row); if (r.steps.length) toggle(i); }}>
            <div class="rc-line">
              <span class="rc-twisty" aria-hidden="true">{r.steps.length ? (open.has(i) ? '▾' : '▸') : ' '}</span>
              <span class={`rc-verdict v-${r.verdict}`}>{VERDICT[r.verdict]}</span>
              <span class="rc-label">{visibleText(withLaneLabels(store, r.label))}</span>
              {r.conn !== undefined && <span class="muted">{visibleText(connLabel(store, r.conn))}</span>}
              <span class="muted rc-time">+{formatDuration(r.t - t0)}</span>
            </div>
            {open.has(i) && (
              <ul role="group" class="rc-steps">
                {r.steps.map((s, j) => {
                  const it: Item = { key: `r${i}s${j}`, row: i, step: j };
                  return (
                    <li key={s.rule} role="treeitem" aria-level={2} class={`rc-step ${picked === it.key ? 'picked' : ''}`} {...itemProps(it)} onClick={(e) => { e.stopPropagation(); select(it); }}>
                      <span class={`rc-mark v-${stepClass(s.ok)}`} aria-label={stepClass(s.ok)}>{stepMark(s.ok)}</span>
                      <span class="rc-rule">{s.rule}</span>
                      <span class="rc-msg">{visibleText(withLaneLabels(store, s.message))}</span>
                      {s.numbers && Object.keys(s.numbers).length > 0 && (
                        <span class="muted rc-nums">{Object.entries(s.numbers).map(([k, v]) => `${k} ${k.endsWith('Ms') ? formatDuration(v) : String(v)}`).join(' · ')}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
