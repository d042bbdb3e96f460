/**
 * A HAR without WebSocket frames (docs/design.md#har-input): Firefox and Safari never write
 * them, nor do most proxies' HTTP-only exports. Analysing it would pass in CI with "no
 * findings" while nothing was examined, so the CLI refuses it (exit 2) and the viewer says so.
 */

/**
 * The one line saying that a HAR holds no WebSocket frames and how to get a file that does.
 * @param sockets WebSocket entries found (handshakes without messages)
 */
export function harNoFramesReason(sockets: number): string {
  const found = sockets === 0 ? 'no WebSocket entries' : `${sockets} WebSocket entr${sockets === 1 ? 'y' : 'ies'} but no messages`;
  return (
    `this HAR holds no WebSocket frames (${found}; Firefox and Safari do not save them): ` +
    `save it from Chrome DevTools (Network panel → "Save all as HAR with content") or export a trace from Wavetrace's panel`
  );
}
