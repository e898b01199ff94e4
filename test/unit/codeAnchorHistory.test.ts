import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceRepo } from '../../src/workspace/workspaceRepo';
import { git, sampleCases, score, type HistoryCase } from './anchor-history/historyCases';
import { locateLikeTheProduct, type Predicted } from './anchor-history/productPath';
import { scriptedRepository } from './anchor-history/scriptedHistory';

// The regression floor of anchor re-location on history, measured the way `npm run
// eval:anchors` measures it on public repositories (truth from git blame), on material CI has:
// histories this test writes, and this project's own history. Floors sit a little under what
// the product scores today, so a drop cannot land unseen.

interface Tally {
  n: number;
  correct: number;
  silentlyWrong: number;
  misses: string[];
}

async function run(root: string, cases: readonly HistoryCase[]): Promise<Tally> {
  const repo = new WorkspaceRepo();
  const tally: Tally = { n: 0, correct: 0, silentlyWrong: 0, misses: [] };
  const predictions: Predicted[] = await Promise.all(cases.map((c) => locateLikeTheProduct(repo, root, c)));
  cases.forEach((c, i) => {
    const predicted = predictions[i] as Predicted;
    const { correct, silentlyWrong } = score(c.truth, predicted);
    tally.n++;
    if (correct) tally.correct++;
    if (silentlyWrong) tally.silentlyWrong++;
    if (!correct) tally.misses.push(`${c.pathA}:${c.startLine}-${c.endLine} ${c.A.slice(0, 7)}..${c.B.slice(0, 7)} truth ${JSON.stringify(c.truth)} got ${JSON.stringify(predicted)}`);
  });
  return tally;
}

function assertFloor(tally: Tally, correctFloor: number, silentCeiling: number): void {
  const correct = (100 * tally.correct) / tally.n;
  const silent = (100 * tally.silentlyWrong) / tally.n;
  const summary = `${tally.n} cases: ${correct.toFixed(1)}% correct, ${silent.toFixed(1)}% silently wrong`;
  console.log(`      ${summary} (floor ${correctFloor}% correct, ceiling ${silentCeiling}% silently wrong)`);
  const detail = `${summary}\n${tally.misses.slice(0, 10).join('\n')}`;
  assert.ok(correct >= correctFloor, `correct below ${correctFloor}%: ${detail}`);
  assert.ok(silent <= silentCeiling, `silently wrong above ${silentCeiling}%: ${detail}`);
}

describe('core/codeAnchor re-location on history (regression floor)', function () {
  this.timeout(60_000);

  it('scripted histories: insertions, moves, renames, reformatting, duplication, deletion', async () => {
    const root = scriptedRepository(11, 30);
    const cases = sampleCases(root, { n: 70, seed: 3, include: /\.ts$/, minDist: 1, maxDist: 30 });
    assert.ok(cases.length >= 60, `only ${cases.length} cases could be drawn`);
    const mix = new Set(cases.map((c) => c.truth.status));
    assert.deepEqual([...mix].sort(), ['changed', 'exact', 'gone'], 'the sample covers every status');
    // Harsher than real history: whole functions duplicated and moved every few commits, and
    // blame's own truth then spreads over both copies. Real history scores higher (README).
    assertFloor(await run(root, cases), 92, 7);
  });

  it("this project's own history", async function () {
    const root = path.resolve(__dirname, '..', '..', '..');
    const shallow = existsSync(path.join(root, '.git')) ? git(root, 'rev-parse', '--is-shallow-repository').trim() : 'no git';
    const commits = shallow === 'false' ? Number(git(root, 'rev-list', '--first-parent', '--count', 'HEAD').trim()) : 0;
    if (commits < 10) {
      console.log(`      (skipped: this checkout has no history to sample — ${shallow === 'true' ? 'a shallow clone' : `${commits} commits`})`);
      this.skip();
    }
    const cases = sampleCases(root, { n: 30, seed: 5, include: /^src\/.*\.ts$/, minDist: 1, maxDist: 20 });
    assert.ok(cases.length >= 25, `only ${cases.length} cases could be drawn`);
    assertFloor(await run(root, cases), 95, 2.5);
  });
});
