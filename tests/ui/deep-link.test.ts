import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchorOf, linkToExample, linksTo } from '../../src/lib/ui/examples/deep-link';
import { TWIN_URL_KEYS } from '../../src/lib/lab/twin/url-keys';

const twin = { id: 'twin-run', stateKeys: Object.values(TWIN_URL_KEYS), section: 'why' };
const explorer = { id: 'explorer', stateKeys: [], section: 'mechanism' };
const at = (path: string) => new URL(path, 'http://127.0.0.1:4173');

describe('linksTo', () => {
  it('an example is the target of its own anchor, with or without settings', () => {
    expect(linksTo(at('/#twin-run'), twin)).toBe(true);
    expect(linksTo(at('/?lr=0.003#twin-run'), twin)).toBe(true);
    expect(linksTo(at('/#explorer'), explorer)).toBe(true);
    expect(linksTo(at('/#twin-run'), explorer)).toBe(false);
  });

  it('settings in the query win over no hash or the hash of the section the example is in', () => {
    expect(linksTo(at('/?lr=0.003#why'), twin)).toBe(true);
    expect(linksTo(at('/?lr=0.003'), twin)).toBe(true);
    expect(linksTo(at('/?p=0.5,0.5&seed=7'), twin)).toBe(true);
  });

  it('a hash naming another place, or a query without the example’s keys, is left to the browser', () => {
    expect(linksTo(at('/?lr=0.003#quiz'), twin)).toBe(false);
    expect(linksTo(at('/?lr=0.003#explorer'), twin)).toBe(false);
    expect(linksTo(at('/#why'), twin)).toBe(false);
    expect(linksTo(at('/?utm=1'), twin)).toBe(false);
    expect(linksTo(at('/?lr=0.003'), explorer)).toBe(false);
  });
});

describe('linkToExample', () => {
  it('keeps the query and replaces whatever hash with the example’s anchor', () => {
    expect(linkToExample('http://h/?lr=0.003&p=0.5#why', 'twin-run')).toBe('http://h/?lr=0.003&p=0.5#twin-run');
    expect(linkToExample('http://h/', 'twin-run')).toBe('http://h/#twin-run');
  });

  it('the link it makes is a link to that example', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '#why', '#quiz', '#x%20y'),
        fc.constantFrom('', '?lr=0.1', '?n=40&seed=3'),
        (h, q) => linksTo(new URL(linkToExample(`http://h/${q}${h}`, twin.id)), twin)
      )
    );
  });
});

describe('anchorOf', () => {
  it('makes a short, valid id from an accessible name', () => {
    expect(anchorOf('Live example: the twin run')).toBe('the-twin-run');
    expect(anchorOf('Live example: element-wise vs spatial dropout')).toBe('element-wise-vs-spatial-dropout');
    expect(anchorOf('Live example: ???')).toBe('example');
    fc.assert(fc.property(fc.string(), (s) => /^[a-z0-9][a-z0-9-]{0,59}$/.test(anchorOf(s))));
  });
});

describe('linkToExample and the other examples’ settings', () => {
  it('drops namespaced keys, so a twin link does not carry the ensemble’s settings', () => {
    expect(linkToExample('http://h/?lr=0.003&ensemble.width=8&p=0.5,0.3#why', 'twin-run')).toBe(
      'http://h/?lr=0.003&p=0.5%2C0.3#twin-run'
    );
    expect(linkToExample('http://h/?p=0.5,0.3', 'twin-run')).toBe('http://h/?p=0.5,0.3#twin-run');
  });

  it('a lesson link with an example’s keys and no anchor is a link to that example only', () => {
    const ensemble = { id: 'ensemble-lab', stateKeys: ['ensemble.data', 'ensemble.width'], section: 'ensemble' };
    const url = at('/?ensemble.width=8');
    expect(linksTo(url, ensemble)).toBe(true);
    expect(linksTo(url, twin)).toBe(false);
  });
});
