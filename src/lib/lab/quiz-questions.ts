/**
 * The lesson's three quiz questions. Every option carries its own explanation, because a wrong
 * answer is the best moment to learn why it is wrong.
 */

/** One answer option. */
export interface QuizOption {
  /** The option as shown next to its radio button (plain text; `code` marks inline code). */
  text: string;
  /** Why this option is right or wrong; shown after the reader checks it. */
  explanation: string;
}

/** One question with exactly one correct option. */
export interface QuizQuestion {
  /** Stable id, used in element ids and in the stored answers. */
  id: string;
  /** The question text. */
  prompt: string;
  /** The options, in display order. */
  options: QuizOption[];
  /** Index into `options` of the correct one. */
  correct: number;
}

/** Identifies this set of questions in storage, so answers to an older quiz are not reused. */
export const QUIZ_ID = 'dropout-quiz-1';

/** The questions, in order. */
export const QUESTIONS: QuizQuestion[] = [
  {
    id: 'each-neuron',
    prompt: 'A hidden layer uses dropout with p = 0.5. During training, what happens to each neuron in that layer?',
    options: [
      {
        text: 'Exactly half of the layer is switched off, chosen at random.',
        explanation:
          'Nobody counts: each neuron flips its own coin, so on one pass 47% of the layer may be dropped and on the next 53%. Half is only the average.'
      },
      {
        text: 'A random half is chosen at the start of each epoch and stays off until the epoch ends.',
        explanation:
          'The mask is redrawn on every forward pass. A mask frozen for a whole epoch would just train one smaller network for a while and break far fewer co-adaptations.'
      },
      {
        text: 'On every forward pass it is zeroed with probability 0.5, independently of the other neurons.',
        explanation:
          'Each neuron flips its own weighted coin on every pass, and a fresh mask is drawn each time (the original paper draws one per training example).'
      },
      {
        text: 'Its incoming weights are deleted with probability 0.5.',
        explanation:
          'Nothing is deleted: the neuron’s output is set to zero for this one pass, so its weights get no gradient from it. On the next pass it may be back, weights intact.'
      }
    ],
    correct: 2
  },
  {
    id: 'test-time',
    prompt:
      'You trained with PyTorch’s nn.Dropout(p=0.5), which uses inverted dropout. What must you do to the activations at test time?',
    options: [
      {
        text: 'Multiply them by 0.5, the keep probability.',
        explanation:
          'That is the classic recipe, for dropout that did not rescale during training. Inverted dropout already divided the survivors by (1 − p) while training, so scaling again would halve every activation.'
      },
      {
        text: 'Nothing: switch the model to evaluation mode and the dropout layer passes everything through unchanged.',
        explanation:
          'Inverted dropout keeps the expected activation equal to h during training, so the plain network is already correct at test time. That is why it is the modern default.'
      },
      {
        text: 'Divide them by 0.5, to make up for the dropped units.',
        explanation:
          'The making-up already happened during training, when survivors were divided by (1 − p). Dividing again would double every activation.'
      },
      {
        text: 'Keep dropout on and use the prediction from one random mask.',
        explanation:
          'One thinned network is a noisy, weaker version of the whole. Keeping dropout on and averaging many masks is a real technique (Monte Carlo dropout, for uncertainty), but not what a single mask gives you.'
      }
    ],
    correct: 1
  },
  {
    id: 'keep-vs-drop',
    prompt: 'Old TensorFlow code uses tf.nn.dropout(x, keep_prob=0.8). Which PyTorch layer does the same thing?',
    options: [
      {
        text: 'nn.Dropout(p=0.8)',
        explanation:
          'This is the naming trap. PyTorch’s p is the probability of dropping a unit, so this would zero 80% of them instead of 20%.'
      },
      {
        text: 'nn.Dropout(p=0.2)',
        explanation:
          'keep_prob = 0.8 keeps 80% of the units, so 20% are dropped, and PyTorch’s p (like Keras’s rate) counts the dropped ones.'
      },
      {
        text: 'nn.Dropout(p=1.25)',
        explanation:
          '1/0.8 = 1.25 is the factor inverted dropout multiplies the survivors by, not a probability; a probability must lie between 0 and 1.'
      }
    ],
    correct: 1
  }
];
