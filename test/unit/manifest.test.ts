import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, COMMENT_CONTROLLER, CONTEXT_KEYS, VIEWS, VIEW_CONTAINER } from '../../src/constants';

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly contributes: {
    readonly commands: readonly { command: string; title: string }[];
    readonly menus: Record<string, readonly { command?: string; when?: string }[]>;
    readonly viewsWelcome: readonly { view: string; when?: string }[];
    readonly views: Record<string, readonly { id: string; when?: string }[]>;
  };
}

// Compiled to out/test/unit: the manifest is three folders up.
const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((c) => c.command);

describe('package.json contributions', () => {
  it('contributes each command id the code names in COMMANDS, and no other', () => {
    assert.deepEqual([...contributed].sort(), [...Object.values(COMMANDS)].sort());
    assert.equal(new Set(contributed).size, contributed.length, 'each command contributed once');
  });

  it('every menu item names a contributed command', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) {
        if (item.command) assert.ok(contributed.includes(item.command), `${menu}: ${item.command} is not contributed`);
      }
    }
  });

  it('every mentorship.* name in a when clause is a context key the code sets, a view, the container or the comment controller', () => {
    const known = new Set<string>([...Object.values(CONTEXT_KEYS), ...Object.values(VIEWS), VIEW_CONTAINER, COMMENT_CONTROLLER]);
    const clauses = [
      ...Object.values(manifest.contributes.menus).flatMap((items) => items.map((item) => item.when)),
      ...manifest.contributes.viewsWelcome.map((welcome) => welcome.when),
      ...Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.when)),
    ].filter((when): when is string => typeof when === 'string');
    const unknown = clauses.flatMap((when) => [...when.matchAll(/\bmentorship\.[A-Za-z][\w.]*/g)].map((m) => m[0])).filter((name) => !known.has(name));
    assert.deepEqual([...new Set(unknown)], []);
  });

  it('commands that act on a relationship stay out of the palette once the notes repos are known to hold none', () => {
    const palette = new Map((manifest.contributes.menus.commandPalette ?? []).map((item) => [item.command, item.when]));
    for (const command of [COMMANDS.syncNow, COMMANDS.openAgreement, COMMANDS.connectRemote, COMMANDS.startPairing, COMMANDS.openReview, COMMANDS.recordTakeaways, COMMANDS.postUpdate, COMMANDS.reviewAgreement]) {
      assert.equal(palette.get(command), `!${CONTEXT_KEYS.noRelationship}`, command);
    }
  });

  it('shows its words through package.nls.json: each %key% has its text, each text is used, no user-facing string is left plain', () => {
    const text = readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
    const nls = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;
    const used = [...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1] as string);
    assert.deepEqual(used.filter((key) => typeof nls[key] !== 'string' || nls[key] === ''), [], 'keys without text');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.includes(key)), [], 'texts nothing uses');
    const plain: string[] = [];
    const check = (where: string, value: unknown): void => {
      if (typeof value === 'string' && !/^%[^%]+%$/.test(value)) plain.push(`${where}: ${value.slice(0, 40)}`);
    };
    const c = manifest.contributes as unknown as Record<string, unknown> & typeof manifest.contributes;
    for (const command of c.commands) check(`command ${command.command}`, command.title);
    for (const command of c.commands as readonly { command: string; category?: string }[]) if (command.category) check(`category of ${command.command}`, command.category);
    for (const view of Object.values(c.views).flat() as { id: string; name?: string }[]) check(`view ${view.id}`, view.name);
    for (const welcome of c.viewsWelcome as readonly { view: string; contents?: string }[]) check(`welcome of ${welcome.view}`, welcome.contents);
    const configuration = c.configuration as { properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }> };
    for (const [name, setting] of Object.entries(configuration.properties)) {
      check(name, setting.description);
      check(name, setting.markdownDescription);
      for (const description of setting.enumDescriptions ?? []) check(name, description);
    }
    assert.deepEqual(plain, [], 'run `node scripts/manifestStrings.mjs` to move them into package.nls.json');
  });

  it('activates to restore the Review after a window reload', () => {
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:mentorship.review'));
  });
});
