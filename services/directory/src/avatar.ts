import { createHash } from 'node:crypto';
import sharp from 'sharp';

const BACKGROUNDS = ['#F4D35E', '#A8DADC', '#F7B2AD', '#B8E0D2', '#D6C1E8', '#FFD6A5', '#CDE7B0', '#BDE0FE'];
const SKIN = ['#F9D7C1', '#EEC1A0', '#D9A27E', '#B97A56', '#8D5A3B', '#6B412A'];
const HAIR = ['#2B1B17', '#5A3825', '#A0522D', '#D9B26F', '#7B7B7B', '#111111', '#C1440E'];
const SHIRTS = ['#264653', '#2A9D8F', '#E76F51', '#457B9D', '#6D597A', '#E9C46A', '#1D3557'];

/** A friendly generated face (no real person's photo in the demo), the same for the same seed text. */
export function avatarSvg(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  const pick = <T>(list: readonly T[], i: number): T => list[h[i]! % list.length]!;
  const bg = pick(BACKGROUNDS, 0);
  const skin = pick(SKIN, 1);
  const hair = pick(HAIR, 2);
  const shirt = pick(SHIRTS, 3);
  const long = h[4]! % 3 === 0;
  const glasses = h[5]! % 4 === 0;
  const smile = 10 + (h[6]! % 14);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="${bg}"/>
  ${long ? `<rect x="146" y="150" width="220" height="230" rx="90" fill="${hair}"/>` : ''}
  <ellipse cx="256" cy="500" rx="190" ry="130" fill="${shirt}"/>
  <rect x="226" y="320" width="60" height="70" fill="${skin}"/>
  <circle cx="256" cy="240" r="105" fill="${skin}"/>
  <path d="M151 232 Q156 120 256 124 Q356 120 361 232 Q330 170 256 172 Q182 170 151 232 Z" fill="${hair}"/>
  <circle cx="218" cy="245" r="11" fill="#222"/>
  <circle cx="294" cy="245" r="11" fill="#222"/>
  ${glasses ? `<g fill="none" stroke="#333" stroke-width="6"><circle cx="218" cy="245" r="26"/><circle cx="294" cy="245" r="26"/><path d="M244 245 H268"/></g>` : ''}
  <path d="M${226} 290 Q256 ${290 + smile} ${286} 290" fill="none" stroke="#7a3b2e" stroke-width="7" stroke-linecap="round"/>
</svg>`;
}

/** The generated face as the two WebP renditions a profile photo has. */
export async function avatarRenditions(seed: string): Promise<{ thumb: Buffer; medium: Buffer }> {
  const svg = Buffer.from(avatarSvg(seed));
  const [thumb, medium] = await Promise.all([
    sharp(svg).resize(128, 128).webp({ quality: 80 }).toBuffer(),
    sharp(svg).resize(512, 512).webp({ quality: 80 }).toBuffer(),
  ]);
  return { thumb, medium };
}
