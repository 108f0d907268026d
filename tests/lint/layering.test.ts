// The layering rules in eslint.config.js (ui → lab → data → engine; the engine only through its
// index) must actually fire: each case lints a snippet as if it lived at `file`, through ESLint's
// Node API with the project's own config, and checks which import lines are reported.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lines of `code` (1-based) that the layering rule reports when the code sits at `file`. */
async function reported(file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet parses').toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.line);
}

const svelte = (imports: string) => `<script lang="ts">\n${imports}\n</script>\n`;

describe('layering lint rules', () => {
  it('the engine imports nothing of ours outside itself', async () => {
    const code = [
      "import { tensor } from '../tensor';",
      "import { Dropout } from './dropout';",
      "import { grid } from '../../data/plane';",
      "import { runSweep } from '../../lab/sweep';",
      "import { x } from '$lib/ui/charts/path';",
      "export { y } from '../../../cli/args';",
      'export const used = [tensor, Dropout, grid, runSweep, x];'
    ].join('\n');
    expect(await reported('src/lib/engine/layers/example.ts', code)).toEqual([3, 4, 5, 6]);
    expect(
      await reported('src/lib/engine/example.ts', "import { grid } from '../data/plane';\nexport { grid };")
    ).toEqual([1]);
    expect(
      await reported('src/lib/engine/kernels/sub/example.ts', "import { t } from '../../../tensor';\nexport { t };")
    ).toEqual([1]);
  });

  it('data imports no lab or ui, and the engine only through its index', async () => {
    const code = [
      "import { Seeds } from '../engine';",
      "import { Random } from '../engine/rng';",
      "import { runSweep } from '../lab/sweep';",
      "import type { Props } from '../ui/charts/types';",
      "import { grid } from './plane';",
      'export const used: unknown[] = [Seeds, Random, runSweep, grid];',
      'export type P = Props;'
    ].join('\n');
    expect(await reported('src/lib/data/example.ts', code)).toEqual([2, 3, 4]);
  });

  it('ui imports engine and data types but no values, and the engine only through its index', async () => {
    const code = svelte(
      [
        "  import type { Split } from '../../../engine';",
        "  import type { TwoDName } from '../../../data';",
        "  import { PLANE_EXTENT } from '../../../lab/planes';",
        "  import { Random } from '../../../engine';",
        "  import { TWO_D_SETS } from '../../../data/two-d';",
        "  import type { Tensor } from '../../../engine/tensor';",
        '  const used: unknown[] = [PLANE_EXTENT, Random, TWO_D_SETS];',
        '  let s: Split | TwoDName | Tensor | undefined = undefined;',
        '  console.log(used, s);'
      ].join('\n')
    );
    expect(await reported('src/lib/ui/examples/example/Example.svelte', code)).toEqual([5, 6, 7]);
    expect(
      await reported(
        'src/routes/example/+page.svelte',
        svelte("  import { mnistSplit } from '$lib/data';\n  console.log(mnistSplit);")
      )
    ).toEqual([2]);
  });

  it('cli and bench reach the engine through its index; tests may import internals', async () => {
    const code =
      "import { Seeds } from '../src/lib/engine';\nimport { Random } from '../src/lib/engine/rng';\nexport { Seeds, Random };";
    expect(await reported('cli/example.ts', code)).toEqual([2]);
    expect(await reported('bench/example.ts', code)).toEqual([2]);
    expect(await reported('tests/engine/example.test.ts', code.replaceAll('../src', '../../src'))).toEqual([]);
  });
});
