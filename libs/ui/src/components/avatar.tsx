import { useEffect, useState } from 'react';
import { useAuth } from '../auth';

/** What the directory hands out for a photo: two renditions behind the caller's token. */
export interface PhotoRef {
  thumb: string;
  medium: string;
}

// One object URL per photo link for the whole page: lists show the same faces many times. A link carries
// the photo's version, so a new photo has a new link and is fetched again.
const cache = new Map<string, Promise<string>>();

/** The object URL of a photo behind the token, once it is loaded (undefined before, or when it fails). */
export function usePhotoUrl(link: string | undefined): string | undefined {
  const auth = useAuth();
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    setUrl(undefined);
    if (!link || auth.status !== 'authenticated') return;
    let current = true;
    let pending = cache.get(link);
    if (!pending) {
      pending = auth.session.client('').objectUrl(link);
      cache.set(link, pending);
      pending.catch(() => cache.delete(link));
    }
    pending.then(
      (u) => current && setUrl(u),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [link, auth]);
  return url;
}

/**
 * A face, or the initials on a calm colour when there is no photo (or while it loads). The name is always
 * written next to it, so the image itself is decorative (alt="") unless `alt` says what is on it.
 */
export function Avatar({
  name,
  photo,
  photoUrl,
  alt = '',
  size = 'medium',
}: {
  name: string;
  /** The directory's photo links (fetched with the token). */
  photo?: PhotoRef | null;
  /** A photo at a plain URL (a preview of one's own upload). */
  photoUrl?: string;
  alt?: string;
  size?: 'small' | 'medium' | 'large';
}) {
  const loaded = usePhotoUrl(photo ? (size === 'large' ? photo.medium : photo.thumb) : undefined);
  const src = photoUrl ?? loaded;
  if (src) return <img className={`pl-avatar pl-avatar--${size} pl-avatar--photo`} src={src} alt={alt} />;
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
