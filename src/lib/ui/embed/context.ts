import { getContext, setContext } from 'svelte';
import type { EmbedFlags } from '../../lab/embed/flags';

/**
 * How an example asks about its embed flags. The embed page provides them (`provideEmbed`); on the
 * lesson page nothing is provided and every answer is "shown, enabled, default". Components call
 * `embedControls()` once while they initialise, then ask per control:
 *   const embed = embedControls();
 *   {#if !embed.hidden('seed')} <button disabled={embed.locked('seed')}>…
 */
export interface EmbedControls {
  /** Whether the page is an embed (the example alone in a frame). */
  readonly embedded: boolean;
  /** The example's embed name ('twin', 'ensemble', …), or null on the lesson page. */
  readonly name: string | null;
  /** Whether the control is to be left out. */
  hidden(control: string): boolean;
  /** Whether the control is to be shown disabled. */
  locked(control: string): boolean;
  /** A setting the address gave (already validated against the example's list), or undefined. */
  setting(key: string): string | number | undefined;
  /** The flags themselves, for writing them into a copied embed snippet. */
  readonly flags: Pick<EmbedFlags, 'hidden' | 'locked'>;
  /**
   * Hands the example's own notes on the address (settings it could not use) to the embed page, which
   * shows them in one box with the flags' notes, at the top where a reader of the frame sees them. Only
   * on an embed page; on the lesson page the example shows them beside its buttons.
   */
  report?(notes: readonly string[]): void;
}

const KEY = Symbol('dropout-lab:embed');

/** The answers of a set of flags. */
export function embedControlsOf(name: string | null, flags: EmbedFlags): EmbedControls {
  return {
    embedded: name !== null,
    name,
    hidden: (c) => flags.hidden.has(c),
    locked: (c) => flags.locked.has(c) && !flags.hidden.has(c),
    setting: (k) => (Object.hasOwn(flags.settings, k) ? flags.settings[k] : undefined),
    flags
  };
}

// No flags at all (not lab's NO_FLAGS: this module is on the lesson's first load, which need not carry
// the flag parser).
const LESSON = embedControlsOf(null, { hidden: new Set(), locked: new Set(), settings: {}, notes: [] });

/** Makes `controls` what the components below ask (call during the embed page's initialisation). */
export function provideEmbed(controls: EmbedControls): void {
  setContext(KEY, controls);
}

/** The flags of the page the component sits in (call during component initialisation). */
export function embedControls(): EmbedControls {
  return getContext<EmbedControls | undefined>(KEY) ?? LESSON;
}
