// @ts-check
/**
 * The page's only output, readable by people and by tests without any test hook:
 * - `<body data-*>` attributes with the client's state (data-state, data-last-position, …);
 * - a `<dl id="state">` mirroring them;
 * - a `<pre id="status">` log, newest line last, at most 400 lines.
 * Everything is written as text (`textContent` / text nodes), never as HTML: event payloads come
 * from the network.
 */

const MAX_LINES = 400;

/**
 * @param {Document} doc
 */
export function createStatusView(doc) {
  const pre = /** @type {HTMLElement} */ (doc.getElementById('status'));
  const dl = /** @type {HTMLElement} */ (doc.getElementById('state'));
  /** @type {Map<string, HTMLElement>} */
  const cells = new Map();
  const t0 = performance.now();
  return {
    /**
     * Sets `data-<kebab name>` on body and the matching row of the state table.
     * @param {string} name camelCase, e.g. `lastPosition`
     * @param {string | number | boolean | null} value
     */
    set(name, value) {
      const text = value === null ? '' : String(value);
      doc.body.dataset[name] = text;
      let dd = cells.get(name);
      if (!dd) {
        const dt = doc.createElement('dt');
        dt.textContent = name;
        dd = doc.createElement('dd');
        dl.append(dt, dd);
        cells.set(name, dd);
      }
      dd.textContent = text;
    },
    /**
     * Adds `n` to a counter attribute.
     * @param {string} name
     * @param {number} [n]
     */
    bump(name, n = 1) {
      this.set(name, Number(doc.body.dataset[name] ?? 0) + n);
    },
    /**
     * Appends one log line, prefixed with seconds since page start.
     * @param {string} line
     */
    log(line) {
      const seconds = ((performance.now() - t0) / 1000).toFixed(3).padStart(8);
      pre.append(doc.createTextNode(`${seconds} ${line}\n`));
      while (pre.childNodes.length > MAX_LINES && pre.firstChild) pre.firstChild.remove();
    },
  };
}
