// Moves the manifest's user-facing strings into package.nls.json, leaving %key% in package.json
// (VS Code's manifest localization). Idempotent: run it after adding or changing a contribution
// with a plain string (a command title, a setting's description, …); a plain string wins over
// the text kept for its key, and keys nothing uses any more are dropped.
//   node scripts/manifestStrings.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const kept = existsSync(join(root, 'package.nls.json')) ? JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) : {};
const nls = {};
const put = (key, value) => {
  if (typeof value !== 'string') return value;
  const already = /^%(.+)%$/.exec(value);
  if (already) {
    if (already[1] in kept) nls[already[1]] = kept[already[1]];
    return value;
  }
  nls[key] = value;
  return `%${key}%`;
};
const short = (id) => id.replace(/^mentorship\./, '');
pkg.displayName = put('displayName', pkg.displayName);
pkg.description = put('description', pkg.description);
const ut = pkg.capabilities?.untrustedWorkspaces;
if (ut?.description) ut.description = put('capabilities.untrustedWorkspaces.description', ut.description);
const c = pkg.contributes;
for (const list of Object.values(c.viewsContainers ?? {})) for (const vc of list) vc.title = put(`viewsContainer.${vc.id}.title`, vc.title);
for (const list of Object.values(c.views ?? {})) for (const v of list) {
  v.name = put(`view.${short(v.id)}.name`, v.name);
  if (v.contextualTitle) v.contextualTitle = put(`view.${short(v.id)}.contextualTitle`, v.contextualTitle);
}
const welcomeCount = {};
for (const w of c.viewsWelcome ?? []) {
  const n = (welcomeCount[w.view] = (welcomeCount[w.view] ?? 0) + 1);
  w.contents = put(`viewsWelcome.${short(w.view)}.${n}`, w.contents);
}
for (const cmd of c.commands ?? []) {
  cmd.title = put(`command.${short(cmd.command)}.title`, cmd.title);
  if (cmd.shortTitle) cmd.shortTitle = put(`command.${short(cmd.command)}.shortTitle`, cmd.shortTitle);
  if (cmd.category) {
    // One shared key for the category every command carries; a different one gets its own.
    const shared = nls['command.category'] ?? kept['command.category'] ?? cmd.category;
    cmd.category = put(cmd.category === shared || cmd.category === '%command.category%' ? 'command.category' : `command.${short(cmd.command)}.category`, cmd.category);
  }
}
const configs = Array.isArray(c.configuration) ? c.configuration : [c.configuration];
for (const conf of configs) {
  if (conf.title) conf.title = put('configuration.title', conf.title);
  for (const [name, prop] of Object.entries(conf.properties ?? {})) {
    const k = `configuration.${short(name)}`;
    for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) if (prop[field]) prop[field] = put(`${k}.${field}`, prop[field]);
    for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) if (Array.isArray(prop[field])) prop[field] = prop[field].map((d, i) => put(`${k}.${field}.${i}`, d));
  }
}
writeFileSync(join(root, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(join(root, 'package.nls.json'), `${JSON.stringify(nls, null, 2)}\n`);
console.log(`package.nls.json: ${Object.keys(nls).length} strings`);
