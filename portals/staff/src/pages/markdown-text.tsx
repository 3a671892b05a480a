/**
 * Markdown shown as plain paragraphs (React escapes everything), until the portals' shared Markdown renderer
 * lands in @plein/ui; then this is the one place to switch.
 */
export function MarkdownText({ text }: { text: string }) {
  const blocks = text
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <div className="pl-markdown">
      {blocks.map((b, i) => {
        const heading = /^(#{1,6})\s+(.*)$/.exec(b);
        if (heading) return <h2 key={i}>{heading[2]}</h2>;
        return (
          <p key={i} style={{ whiteSpace: 'pre-line' }}>
            {b.replace(/[*_`]/g, '')}
          </p>
        );
      })}
    </div>
  );
}
