// @ts-check
import { readFileSync } from 'node:fs';
import { Application, ReflectionKind } from 'typedoc';

/**
 * TypeDoc's notDocumented check for the properties of govrec's exported classes and interfaces.
 *
 * typedoc.json leaves `Property` out of `requiredToBeDocumented`, because TypeDoc would then also
 * require a comment on every field of every type literal it expands, among them each field of the
 * commands, events and rule sets that io-ts codecs define (hundreds, documented by the README's
 * command table and docs/rule-sets.md). What an embedder reads member by member — the read models'
 * views, the store port, the facade's options — are classes and interfaces: this plugin requires a
 * comment on each of their own properties, and reports a missing one as TypeDoc does (a warning,
 * an error under treatWarningsAsErrors).
 *
 * @param {Application} app
 */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    if (!app.options.getValue('validation').notDocumented) return;
    const ours = project.packageName;
    for (const property of project.getReflectionsByKind(ReflectionKind.Property)) {
      if (!property.parent?.kindOf(ReflectionKind.ClassOrInterface)) continue;
      if (property.hasComment() || property.inheritedFrom) continue;
      const symbol = project.getSymbolIdFromReflection(property);
      if (!symbol || symbol.packageName !== ours) continue;
      app.logger.validationWarning(
        `${property.getFriendlyFullName()} (Property), defined in ${where(symbol)}, does not have any documentation`,
      );
    }
  });
}

/**
 * `path:line` of a symbol of this package.
 *
 * @param {import('typedoc').ReflectionSymbolId} symbol
 */
function where(symbol) {
  if (!Number.isFinite(symbol.pos)) return symbol.packagePath;
  const text = readFileSync(symbol.packagePath, 'utf8');
  let start = symbol.pos;
  while (/\s/.test(text[start] ?? '')) start++;
  return `${symbol.packagePath}:${text.slice(0, start).split('\n').length}`;
}
