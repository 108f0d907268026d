/**
 * The animated walkthrough that replaces the lesson's missing video: a script of chapters and
 * captions (script.ts), the player's time arithmetic (timeline.ts) and the pictures, computed for
 * any moment from a small real network trained with dropout (scene.ts), trained in a Web Worker
 * (protocol.ts). Framework-free: the Svelte player only keeps the clock and draws frames.
 */
export { CHAPTERS, type Chapter, type ChapterKind, type Cue } from './script';
export {
  chapterStarts,
  totalDuration,
  positionAt,
  clampTime,
  cueTimes,
  stepAt,
  stepTime,
  formatTime,
  type Position
} from './timeline';
export {
  WalkthroughScene,
  trainWalkthroughNet,
  packSummary,
  unpackSummary,
  WALKTHROUGH_NET,
  EXAMPLE_SECONDS,
  MEMBER_SECONDS,
  BAR_MASKS,
  type Frame,
  type UnitView,
  type Bar,
  type WalkthroughNet,
  type SceneSummary,
  type PackedSceneSummary
} from './scene';
export type { WalkthroughRequest, WalkthroughReply } from './protocol';
