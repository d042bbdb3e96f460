/**
 * What the panel says before any traffic: what Wavetrace records, how to get a complete
 * session (reload), and what it cannot see (sockets inside workers, protocol-level ping/pong).
 */

/** Props: whether this is a live panel (else a viewer without a trace). */
export function EmptyState({ live }: { live: boolean }) {
  return (
    <div class="empty-state" data-testid="empty">
      <h2>{live ? 'No WebSocket traffic yet' : 'No trace loaded'}</h2>
      {live ? (
        <>
          <p>Wavetrace records every WebSocket this tab opens — even before DevTools was open — and the catch-up sync requests around them. Use the page, or <strong>reload it</strong> to capture the connection from its handshake.</p>
          <ul>
            <li>The <strong>timeline</strong> shows each connection as a lane: opens, closes with their codes, reconnect delays against the expected backoff, syncs and the stream position.</li>
            <li><strong>Findings</strong> flag what went wrong, e.g. a client that resumed its stream without calling its sync endpoint.</li>
            <li>Pick the protocol <strong>profile</strong> in the toolbar if auto-detection guesses wrong.</li>
          </ul>
        </>
      ) : (
        <p>Import a <code>.wavetrace.json</code> trace or a HAR file to see its sessions, frames and findings.</p>
      )}
      <p class="muted">Sockets inside Workers are not visible to the page hook; protocol-level ping/pong (opcodes 9 and 10) never reach page JavaScript, so heartbeats are the application-level messages your profile describes.</p>
    </div>
  );
}
