// Plain text of Plein's Markdown, without a DOM and without the parser: the portals use it for one-line previews
// (apart from libs/ui's renderer, so previews do not load the parser and the sanitiser), the search service
// for what it indexes, so a snippet never shows `**`. The portals import it as `@plein/contracts/markdown-text`
// so their bundles take this file only.

/**
 * The text of Markdown without its syntax, for one line of preview: a search snippet or a title
 * ("**Nieuwe werkwijze**" → "Nieuwe werkwijze"). Works on fragments too (a snippet cut from a post), so it
 * removes the marks rather than parsing them.
 */
export function markdownToText(source: string): string {
  return source
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|~~)/g, '')
    .replace(/(^|[\s(])[*_](?=\S)/g, '$1')
    .replace(/(?<=\S)[*_](?=[\s).,;:!?]|$)/g, '')
    .replace(/`+/g, '');
}
