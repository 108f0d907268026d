import { describe, expect, it } from 'vitest';
import { RunState } from '../../src/lib/ui/examples/run-state.svelte';

/**
 * The run state the long experiment examples share: a start clears the last run, and the replies
 * every session sends (status, done, stopped, error) move it; an example's own replies are left alone.
 */

describe('RunState', () => {
  it('a start clears what the last run left, and done ends it with its time', () => {
    const r = new RunState('Stopped.', 'Starting…');
    expect(r.phase).toBe('idle');
    r.failure = 'old failure';
    r.begin();
    expect({ failure: r.failure, running: r.running, done: r.done, status: r.status }).toEqual({
      failure: null,
      running: true,
      done: false,
      status: 'Starting…'
    });
    expect(r.phase).toBe('running');
    expect(r.apply({ type: 'status', text: 'Loading the digits…' })).toBe(true);
    expect(r.status).toBe('Loading the digits…');
    expect(r.apply({ type: 'done', seconds: 12.5, kernels: 'js' })).toBe(true);
    expect(r.phase).toBe('done');
    expect(r.finished).toEqual({ seconds: 12.5, kernels: 'js' });
    expect(r.status).toBe('');
  });

  it('a stop says the example’s own sentence; an error keeps the message and ends the run', () => {
    const r = new RunState('Stopped. The numbers so far stay below.');
    r.begin();
    r.apply({ type: 'stopped' });
    expect([r.running, r.done, r.status]).toEqual([false, false, 'Stopped. The numbers so far stay below.']);
    r.begin();
    r.apply({ type: 'error', message: 'The digits could not be downloaded.' });
    expect([r.running, r.failure, r.status]).toEqual([false, 'The digits could not be downloaded.', '']);
  });

  it('leaves the example’s own replies to it', () => {
    const r = new RunState('Stopped.');
    r.begin();
    expect(r.apply({ type: 'epoch' })).toBe(false);
    expect([r.running, r.status]).toEqual([true, 'Starting…']);
  });
});
