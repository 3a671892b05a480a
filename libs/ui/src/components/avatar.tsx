/** A face, or the initials on a calm colour when there is no photo. The name is always written next to it. */
export function Avatar({
  name,
  photoUrl,
  size = 'medium',
}: {
  name: string;
  photoUrl?: string;
  size?: 'small' | 'medium' | 'large';
}) {
  if (photoUrl) return <img className={`pl-avatar pl-avatar--${size}`} src={photoUrl} alt="" />;
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join('') || '?';
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 6, 0);
  return (
    <span className={`pl-avatar pl-avatar--${size} pl-avatar--tone${hue}`} aria-hidden="true">
      {initials}
    </span>
  );
}
