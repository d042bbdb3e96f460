/**
 * The profile menu's model (docs/design.md#where-a-profile-comes-from): which profile a
 * panel or viewer starts with, what *Keep for this site* stores, and the menu's entries —
 * pure, so the panel's profile-menu.tsx only renders them.
 *
 * Precedence: a profile kept for the site, then (viewer) the loaded trace's own profile, then
 * auto — a preset that auto-detection matches (scaiwave only for traffic that looks like it),
 * else the profile learned from the capture.
 */
import type { KeptProfile } from '../store/kept-profiles';
import { BUILTIN_PROFILES, getBuiltinProfile } from '../profile/presets/index';
import { AUTO_CHOICE, choiceKey, type ProfileChoice, type ResolvedProfile } from './profile-choice';

/** The choice for what is kept for a site: a preset by name, or the kept profile inline. */
export function keptChoice(k: KeptProfile): ProfileChoice {
  return typeof k === 'string' ? { kind: 'named', name: k } : { kind: 'inline', profile: k, from: 'kept' };
}

/**
 * What *Keep for this site* stores for the profile in use: a built-in preset (chosen, named by
 * a trace or detected) by name; anything else — learned, edited, imported, a trace's inline
 * profile — as the whole object, so it judges the same after a restart.
 */
export function toKept(resolved: ResolvedProfile): KeptProfile {
  const p = resolved.profile;
  const builtin = getBuiltinProfile(p.name);
  if (!resolved.learned && !resolved.key.startsWith('inline:') && builtin === p) return p.name;
  return JSON.parse(JSON.stringify(p)) as KeptProfile;
}

/**
 * The choice to start with.
 * @param kept what is kept for the site, if anything
 * @param trace the loaded trace's own choice (viewer, import); absent for a live capture
 * A live capture uses the kept profile, else auto. A loaded trace that names a profile or
 * carries one keeps it (it is what the trace was judged with); a trace without one
 * (`"auto"`, absent, a HAR) uses the kept profile, else auto.
 */
export function startingChoice(kept: KeptProfile | undefined, trace?: ProfileChoice): ProfileChoice {
  if (trace && trace.kind !== 'auto') return trace;
  return kept !== undefined ? keptChoice(kept) : AUTO_CHOICE;
}

/**
 * Whether a kept profile that becomes known (the site is recognised, another panel kept one)
 * replaces the current choice: yes unless the user is trying an edited or imported profile,
 * or a loaded trace brought its own.
 */
export function keptMayReplace(cur: ProfileChoice): boolean {
  if (cur.kind === 'auto') return true;
  if (cur.kind === 'named') return cur.from !== 'trace';
  return cur.from === 'kept';
}

/** One entry of the menu: a profile to use, or an action. */
export interface ProfileMenuItem {
  /** Stable id (also the `data-item` attribute in the panel). */
  id: string;
  label: string;
  /** Secondary text (muted, after the label). */
  detail?: string;
  /** A profile entry: the choice it selects, and whether it is the one in use. */
  choice?: ProfileChoice;
  checked?: boolean;
  /** An action: `keep`, `forget`, `edit`, `import`, `export`. */
  action?: 'keep' | 'forget' | 'edit' | 'import' | 'export';
  /** Disabled entries say why in `detail`. */
  disabled?: boolean;
  /** A separator goes before this entry. */
  sepBefore?: boolean;
}

/** What the menu is built from. */
export interface MenuInput {
  choice: ProfileChoice;
  resolved: ResolvedProfile;
  /** The site's origin ("" when unknown: nothing to keep for). */
  origin: string;
  /** What is kept for the site. */
  kept?: KeptProfile | undefined;
  /** The loaded trace's own choice (offered while another profile is in use). */
  trace?: ProfileChoice | undefined;
  /** Per-site storage exists (extension pages); false in the standalone viewer. */
  canKeep: boolean;
}

/**
 * A learned profile's name as menus show it: learning names it `learned <endpoint>`
 * (docs/design.md#profile-learning), which says it once; any other name gets ` (learned)`.
 */
export function learnedName(name: string): string {
  return /^learned\b/i.test(name) ? name : `${name} (learned)`;
}

const same = (a: ProfileChoice, b: ProfileChoice): boolean => choiceKey(a) === choiceKey(b) && (a.kind !== 'inline' || b.kind !== 'inline' || a.profile === b.profile);

/**
 * The menu's entries, in order: Auto (naming what it resolves to), the kept profile, the
 * trace's inline profile, an edited or imported profile in use, the built-in presets, then the
 * actions. Keep is disabled with a reason when there is no storage, no site, or the profile in
 * use is already the kept one.
 */
export function profileMenuItems(m: MenuInput): ProfileMenuItem[] {
  const items: ProfileMenuItem[] = [];
  const auto = m.choice.kind === 'auto';
  items.push({ id: 'auto', label: 'Auto', detail: auto ? (m.resolved.learned ? learnedName(m.resolved.profile.name) : m.resolved.defaulted ? `${m.resolved.profile.name} (default: nothing detected yet)` : m.resolved.profile.name) : 'detect a preset, else learn', choice: AUTO_CHOICE, checked: auto });
  const kc = m.kept !== undefined ? keptChoice(m.kept) : undefined;
  if (kc && kc.kind === 'inline') items.push({ id: 'kept', label: kc.profile.name, detail: 'kept for this site', choice: kc, checked: m.choice.kind === 'inline' && m.choice.from === 'kept' });
  if (m.trace && m.trace.kind === 'inline') items.push({ id: 'trace', label: m.trace.profile.name, detail: 'inline in the trace', choice: m.trace, checked: same(m.choice, m.trace) });
  if (m.choice.kind === 'inline' && (m.choice.from === 'edited' || m.choice.from === 'imported')) {
    items.push({ id: 'current', label: m.choice.profile.name, detail: m.choice.from === 'edited' ? 'edited' : `imported${m.choice.file ? ` from ${m.choice.file}` : ''}`, choice: m.choice, checked: true });
  }
  BUILTIN_PROFILES.forEach((p, i) => {
    const c: ProfileChoice = { kind: 'named', name: p.name };
    const keptName = typeof m.kept === 'string' && m.kept === p.name;
    items.push({ id: `preset:${p.name}`, label: p.name, ...(keptName ? { detail: 'kept for this site' } : {}), choice: c, checked: m.choice.kind === 'named' && m.choice.name === p.name, ...(i === 0 ? { sepBefore: true } : {}) });
  });
  const keptNow = m.kept !== undefined && (m.choice.kind === 'inline' ? m.choice.from === 'kept' : m.choice.kind === 'named' && m.choice.from !== 'trace' && m.kept === m.choice.name);
  const keepWhy = !m.canKeep ? 'needs the extension (this page has no extension storage)' : !m.origin ? 'no site known yet' : keptNow ? `in use for ${m.origin}` : `for ${m.origin}`;
  items.push({ id: 'keep', label: 'Keep for this site', detail: keepWhy, action: 'keep', disabled: !m.canKeep || !m.origin || keptNow, sepBefore: true });
  if (m.canKeep && m.origin && m.kept !== undefined) items.push({ id: 'forget', label: 'Forget the kept profile', detail: `for ${m.origin}`, action: 'forget' });
  items.push({ id: 'edit', label: 'Edit…', detail: 'the profile in use, as JSON', action: 'edit' });
  items.push({ id: 'import', label: 'Import…', detail: 'a .profile.json', action: 'import' });
  items.push({ id: 'export', label: 'Export…', detail: 'the profile in use', action: 'export' });
  return items;
}
