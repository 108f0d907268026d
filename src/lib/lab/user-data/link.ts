import { presetConfig, type TwinConfig } from '../twin/config';

/**
 * Links and the learner's own data. A link cannot carry a file (it never leaves the device), so a
 * link that names "your data" opens, for whoever has no such data stored, with the preset's data
 * and a note saying why.
 */

/** The note of a link that names "your data" when there is none on this device. */
export const LINK_NOTE =
  'This link names "your data", which a link cannot carry: the file never leaves the device it was opened on. The preset\'s data is shown instead; choose "Your data…" in the Data menu to open a file.';

/** What "Copy a link" says when the twins train on the learner's own data. */
export const COPIED_WITHOUT_FILE =
  "Link copied. It holds the settings but not your file: a link cannot carry a file, so whoever opens it sees the preset's data.";

/** The config with the preset's data in place of "your data" (for a link opened without it). */
export function withoutUserData(config: TwinConfig): TwinConfig {
  return config.data === 'csv' ? { ...config, data: presetConfig(config.preset).data } : config;
}
