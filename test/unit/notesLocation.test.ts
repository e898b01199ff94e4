import { strict as assert } from 'node:assert';
import { isInsideFolder, notesLocationProblem } from '../../src/core/notesLocation';

describe('core/notesLocation', () => {
  describe('isInsideFolder', () => {
    it('is true for the folder itself and anything below it', () => {
      assert.equal(isInsideFolder('/a/work', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/notes', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/deep/er/notes', '/a/work/'), true);
    });

    it('resolves ".." segments before comparing', () => {
      assert.equal(isInsideFolder('/a/work/x/../notes', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/../notes', '/a/work'), false);
    });

    it('is false for the parent, siblings and a sibling sharing a name prefix', () => {
      assert.equal(isInsideFolder('/a', '/a/work'), false);
      assert.equal(isInsideFolder('/a/other', '/a/work'), false);
      assert.equal(isInsideFolder('/a/workspace', '/a/work'), false);
      assert.equal(isInsideFolder('/a/workspace/notes', '/a/work'), false);
      assert.equal(isInsideFolder('/a/work', '/a/workspace'), false);
    });

    it('counts a child whose name starts with ".." as inside (regression: "..notes")', () => {
      assert.equal(isInsideFolder('/a/work/..notes', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/...', '/a/work'), true);
      assert.equal(isInsideFolder('/a/work/..notes/deeper', '/a/work'), true);
      // Real escapes are still outside.
      assert.equal(isInsideFolder('/a/x', '/a/work'), false);
      assert.equal(isInsideFolder('/a', '/a/work'), false);
      assert.equal(isInsideFolder('/a/work/../x', '/a/work'), false);
    });
  });

  describe('notesLocationProblem', () => {
    it('is undefined for a notes repo outside every workspace folder', () => {
      assert.equal(notesLocationProblem('/home/sam/notes', ['/home/sam/project', '/srv/other']), undefined);
      assert.equal(notesLocationProblem('/home/sam/notes', []), undefined);
    });

    it('refuses a notes repo inside a workspace folder and names that folder', () => {
      const problem = notesLocationProblem('/home/sam/project/notes', ['/srv/other', '/home/sam/project']);
      assert.ok(problem);
      assert.match(problem, /is inside the workspace folder \/home\/sam\/project\./);
    });

    it('refuses a notes repo in a "..notes" folder inside a workspace folder', () => {
      const problem = notesLocationProblem('/a/work/..notes', ['/a/work']);
      assert.ok(problem);
      assert.match(problem, /is inside the workspace folder \/a\/work\./);
      assert.equal(notesLocationProblem('/a/x', ['/a/work']), undefined);
    });

    it('refuses a notes repo equal to a workspace folder', () => {
      const problem = notesLocationProblem('/home/sam/project', ['/home/sam/project']);
      assert.ok(problem);
      assert.match(problem, /inside the workspace folder/);
    });

    it('does not fall into the sibling prefix trap (/a/work vs /a/workspace)', () => {
      assert.equal(notesLocationProblem('/a/workspace', ['/a/work']), undefined);
      assert.equal(notesLocationProblem('/a/workspace/notes', ['/a/work']), undefined);
      assert.equal(notesLocationProblem('/a/work', ['/a/workspace']), undefined);
      assert.equal(notesLocationProblem('/a/work-notes', ['/a/work']), undefined);
    });

    it('refuses a notes repo that contains a workspace folder', () => {
      const problem = notesLocationProblem('/home/sam', ['/home/sam/project']);
      assert.ok(problem);
      assert.match(problem, /contains the workspace folder \/home\/sam\/project/);
    });

    it('refuses the root folder as notes repo whatever the workspace', () => {
      assert.ok(notesLocationProblem('/', ['/srv/project']));
    });
  });
});
