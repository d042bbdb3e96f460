/**
 * Settings persistence: defaults, sanitising, the storage keys the hook reads (capture config,
 * preserve log), the redaction keys, the profile remembered per site, and the change callback.
 */
import { describe, expect, it } from 'vitest';
import { createSettingsStore, memoryArea } from '../../../src/panel/settings-store';
import { CAPTURE_CONFIG_KEY, PRESERVE_LOG_KEY } from '../../../src/core/store/capture-config';
import { PROFILE_BY_SITE_KEY, REDACT_KEYS_KEY, parseKeyList, settingsFromStorage } from '../../../src/core/store/panel-settings';

describe('settings store', () => {
  it('reads defaults and sanitises stored values', async () => {
    expect(settingsFromStorage({})).toMatchObject({ previewCap: 65536, bufferEvents: 50000, preserveLog: true, profileBySite: {} });
    const area = memoryArea({ [CAPTURE_CONFIG_KEY]: { previewCap: 1e12, maxEvents: 'x' }, [PRESERVE_LOG_KEY]: false, [REDACT_KEYS_KEY]: ['Token', 'token', '<bad>', 7] });
    const s = createSettingsStore(area);
    await s.ready;
    expect(s.settings.value).toMatchObject({ previewCap: 16 * 1024 * 1024, bufferEvents: 50000, preserveLog: false, redactKeys: ['token'] });
    expect(parseKeyList('a, b;c\nA')).toEqual(['a', 'b', 'c']);
  });

  it('writes what the hook reads, keeps other capture fields, and calls back on change', async () => {
    const area = memoryArea({ [CAPTURE_CONFIG_KEY]: { syncPaths: ['/v1/sync'], bodyCap: 1000 } });
    const s = createSettingsStore(area);
    const seen: number[] = [];
    s.onChange((v) => seen.push(v.previewCap));
    await s.update({ previewCap: 4096, bufferEvents: 1000, preserveLog: false, redactKeys: ['secret'] });
    expect(area.data[CAPTURE_CONFIG_KEY]).toMatchObject({ previewCap: 4096, maxEvents: 1000, syncPaths: ['/v1/sync'], bodyCap: 1000 });
    expect(area.data[PRESERVE_LOG_KEY]).toBe(false);
    expect(area.data[REDACT_KEYS_KEY]).toEqual(['secret']);
    expect(seen).toEqual([4096]);
    await s.setSyncPaths(['/api/catchup']);
    expect((area.data[CAPTURE_CONFIG_KEY] as { syncPaths: string[]; previewCap: number }).syncPaths).toEqual(['/api/catchup']);
    expect((area.data[CAPTURE_CONFIG_KEY] as { previewCap: number }).previewCap).toBe(4096);
  });

  it('remembers the profile per site origin and follows changes made elsewhere', async () => {
    const area = memoryArea();
    let notify: ((ch: Record<string, { newValue?: unknown }>, a: string) => void) | undefined;
    const s = createSettingsStore(area, (cb) => {
      notify = cb;
      return () => {};
    });
    await s.setProfileFor('http://localhost:3000', 'socketio-v4');
    expect(s.profileFor('http://localhost:3000')).toBe('socketio-v4');
    expect(s.profileFor('https://other.example')).toBe('auto');
    expect(area.data[PROFILE_BY_SITE_KEY]).toEqual({ 'http://localhost:3000': 'socketio-v4' });
    await s.setProfileFor('http://localhost:3000', 'auto');
    expect(area.data[PROFILE_BY_SITE_KEY]).toEqual({});
    const changed = new Promise<boolean>((resolve) => s.onChange((v) => resolve(v.preserveLog)));
    area.data[PRESERVE_LOG_KEY] = false;
    notify!({ [PRESERVE_LOG_KEY]: { newValue: false } }, 'local');
    expect(await changed).toBe(false);
  });
});
