// One plain-text rule for the portals and the search index: it lives in @plein/contracts (no DOM, no parser).
export { markdownToText } from '@plein/contracts/markdown-text';
