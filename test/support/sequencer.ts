// The order test files start in: the longest first, so that no long file starts last and
// runs on alone. Vitest's own order is by the last run's durations when it has them and by
// file size otherwise (a fresh clone, as in CI), which puts the small but slow install
// tests last; these files go first whatever vitest remembers.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that take far longer than their size says (real npm installs, a browser), longest first. */
const FIRST = ['install.test.ts', 'export-browser.test.ts'];

function rank(spec: TestSpecification): number {
  const i = FIRST.findIndex((name) => spec.moduleId.endsWith(`/test/${name}`));
  return i === -1 ? FIRST.length : i;
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map((x) => x.spec);
  }
}
