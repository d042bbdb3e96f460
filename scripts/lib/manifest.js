// Manifest adaptation for Firefox (128+), from the Chrome MV3 manifest @crxjs wrote.
import ids from '../../src/gecko-id.json' with { type: 'json' };

/** Gecko add-on id of Wavetrace (src/gecko-id.json, which the CLI's Firefox launcher reads too). */
export const GECKO_ID = ids.geckoId;

/**
 * Returns the Firefox manifest: `background.scripts` instead of `service_worker` (Firefox runs
 * an event page from `scripts` and ignores `service_worker`, which `web-ext lint` reports), `browser_specific_settings.gecko` with the id
 * and strict_min_version 128.0 (MAIN-world content scripts), and no Chrome-only keys.
 */
export function firefoxManifest(chrome) {
  const m = structuredClone(chrome);
  if (m.background?.service_worker) {
    m.background = { scripts: [m.background.service_worker], type: m.background.type };
  }
  m.browser_specific_settings = { gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } };
  for (const cs of m.content_scripts ?? []) delete cs.match_origin_as_fallback;
  for (const war of m.web_accessible_resources ?? []) delete war.use_dynamic_url;
  return m;
}
