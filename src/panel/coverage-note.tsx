/**
 * A note under the toolbar when the page created Workers or SharedWorkers: WebSockets inside
 * them are out of the page hook's reach (docs/design.md#what-the-hook-cannot-see, `coverage-worker`), so the panel says so
 * instead of pretending there was no traffic. Lists each worker's script URL (redacted).
 */
import { useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { redactUrl } from '../core/redact';

/** Renders nothing until a `worker-created` event was captured, or once dismissed (until another worker comes). */
export function CoverageNote({ store }: { store: PanelStore }) {
  void store.version.value; // subscribe
  const [dismissed, setDismissed] = useState(0);
  const workers = store.state.workers ?? [];
  if (workers.length <= dismissed) return null;
  const shared = workers.filter((w) => w.kind === 'shared-worker').length;
  const plain = workers.length - shared;
  const parts: string[] = [];
  if (plain > 0) parts.push(`${plain} Worker${plain === 1 ? '' : 's'}`);
  if (shared > 0) parts.push(`${shared} SharedWorker${shared === 1 ? '' : 's'}`);
  const urls = [...new Set(workers.map((w) => redactUrl(w.url)))];
  return (
    <div class="notice coverage-note" role="note" data-testid="coverage-note" title={urls.join('\n')}>
      This page created {parts.join(' and ')}: WebSockets opened inside workers are not captured (the page hook cannot see into them).
      <button type="button" class="link" onClick={() => setDismissed(workers.length)} aria-label="Dismiss">✕</button>
    </div>
  );
}
