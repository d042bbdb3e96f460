// @ts-check
/**
 * Durable `last_stream_position` — the ScaiWave troubleshooting page: "Persist `last_stream_position` (the highest
 * stream_position you've processed) somewhere durable on the client." Kept in localStorage
 * under `scaiwave.last_stream_position.<tenant>` so it survives reloads and navigations.
 */

/**
 * @param {Storage} storage usually `localStorage`
 * @param {string} tenant tenant name, or '' for the server's default tenant
 */
export function createCursorStore(storage, tenant) {
  const key = `scaiwave.last_stream_position.${tenant || 'default'}`;
  return {
    key,
    /** @returns {number | null} */
    get() {
      const raw = storage.getItem(key);
      if (raw === null) return null;
      const n = Number(raw);
      return Number.isSafeInteger(n) ? n : null;
    },
    /** @param {number} position */
    set(position) {
      storage.setItem(key, String(position));
    },
    clear() {
      storage.removeItem(key);
    },
  };
}
