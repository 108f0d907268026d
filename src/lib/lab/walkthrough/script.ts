/**
 * The walkthrough's script: six chapters, each a list of captions with the second (at 1× speed)
 * where each begins. The pictures are not in here — they are computed from a real network for
 * every moment (scene.ts); the script only says what is being shown and when.
 * Placeholders in captions ({n}, {networks}, …) are filled with numbers from that network.
 */

/** One caption and when it starts, in seconds from the start of its chapter. */
export interface Cue {
  at: number;
  text: string;
}

/** What the scene draws during a chapter. */
export type ChapterKind = 'forward' | 'per-example' | 'shared' | 'test-scaling' | 'inverted' | 'averaging';

/** A chapter of the walkthrough. */
export interface Chapter {
  kind: ChapterKind;
  title: string;
  /** Length in seconds at 1× speed. */
  duration: number;
  cues: Cue[];
}

/** The six chapters, in order (about four minutes at 1×). */
export const CHAPTERS: readonly Chapter[] = [
  {
    kind: 'forward',
    title: 'One forward pass with a fresh mask',
    duration: 40,
    cues: [
      {
        at: 0,
        text: 'This is a real, small network, trained on the exclusive-or data: 2 inputs, two hidden layers of {width} units, 1 output. The colour of a unit is its activation for the current example.'
      },
      {
        at: 10,
        text: 'Training step. Before the example goes through, dropout flips a coin for every hidden unit: with probability p = {p} the unit is switched off for this pass.'
      },
      {
        at: 20,
        text: 'The pass runs left to right. Crossed-out units output 0, and their connections carry nothing. The survivors are multiplied by 1/(1 − p) = {scale}; we will see why in chapter 5.'
      },
      {
        at: 31,
        text: "The loss is computed from this thinned network's output, and backpropagation updates only the weights it used."
      }
    ]
  },
  {
    kind: 'per-example',
    title: 'A new mask for every example',
    duration: 40,
    cues: [
      {
        at: 0,
        text: 'The next example gets a brand-new mask. Watch the crossed-out units change with every example: no two passes use quite the same network.'
      },
      {
        at: 12,
        text: 'The row of masks below records each one. Within a mini-batch, every example trains a different thinned network.'
      },
      {
        at: 26,
        text: 'No unit can count on any particular partner being there, so each must be useful on its own. That is what breaks up co-adaptation.'
      }
    ]
  },
  {
    kind: 'shared',
    title: '2ⁿ networks sharing one set of weights',
    duration: 40,
    cues: [
      {
        at: 0,
        text: 'Every mask picks out one thinned network. With n = {n} droppable units there are 2^{n} = {networks} of them.'
      },
      {
        at: 12,
        text: 'Here are a few. They look different, but every connection they have is the same weight in all of them: the line thickness is the real |w|, identical wherever it appears.'
      },
      {
        at: 26,
        text: 'So training one thinned network for one step nudges the shared weights of all the others. Dropout trains an exponential ensemble for the price of one network.'
      }
    ]
  },
  {
    kind: 'test-scaling',
    title: 'Why test time needs scaling',
    duration: 40,
    cues: [
      {
        at: 0,
        text: 'At test time we want one deterministic answer, so every unit is switched on. Look at what arrives at the output unit from the last hidden layer.'
      },
      {
        at: 12,
        text: 'Classic dropout, while training: about half the inputs are missing, so on average the output receives (1 − p) times the full sum — the first bar, averaged over {masks} real masks.'
      },
      {
        at: 24,
        text: 'With every unit on and nothing rescaled, the sum is about 1/(1 − p) = {scale} times bigger than anything seen in training (second bar). Multiplying by 1 − p at test time brings it back (third bar).'
      }
    ]
  },
  {
    kind: 'inverted',
    title: 'Inverted dropout',
    duration: 40,
    cues: [
      {
        at: 0,
        text: 'Inverted dropout moves the fix into training: each survivor is multiplied by 1/(1 − p) = {scale} as it is kept.'
      },
      {
        at: 12,
        text: 'Now the average over masks of what the output receives during training already equals the full sum (first bar against the second).'
      },
      {
        at: 24,
        text: 'So at test time the network is used exactly as it is: no rescaling to remember. This is what PyTorch, Keras and our engine do.'
      }
    ]
  },
  {
    kind: 'averaging',
    title: 'Averaging the ensemble',
    duration: 45,
    cues: [
      {
        at: 0,
        text: 'Ideally we would average the predictions of all {networks} thinned networks. Instead, sample them: each new mask adds one member to a running average.'
      },
      {
        at: 14,
        text: 'Single members disagree (the dots); their running average (the line) settles down as more are added.'
      },
      {
        at: 28,
        text: "The weight-scaled network's single pass (dashed line) says {ws}; the average of all {members} members settles at {avg}. {verdict} The single pass is a cheap stand-in for the average, not a copy of it. Keeping dropout on to sample like this is Monte Carlo dropout."
      }
    ]
  }
];
