/**
 * Draws the extension's icons (public/icon/<size>.png): a rounded square in Switchboard blue with
 * three stage dots (pre-purchase, purchase, post-purchase) joined by a line — a switchboard.
 * Re-run after a design change: `node --import tsx scripts/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
type RGBA = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a pixel by a shape, 4×4 supersampled so small sizes stay smooth. */
function coverage(x: number, y: number, inside: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

function icon(size: number): Buffer {
  const s = size;
  const radius = s * 0.22;
  const square = (u: number, v: number) => {
    const cx = Math.min(Math.max(u, radius), s - radius);
    const cy = Math.min(Math.max(v, radius), s - radius);
    return (u - cx) ** 2 + (v - cy) ** 2 <= radius ** 2;
  };
  const dots: Array<[number, number, RGBA]> = [
    [0.28, 0.68, [106, 168, 247, 255]],
    [0.5, 0.36, [95, 212, 138, 255]],
    [0.72, 0.68, [245, 162, 93, 255]],
  ];
  const dotR = s * 0.11;
  const lineW = Math.max(1, s * 0.06);
  const onLine = (u: number, v: number) => {
    for (let k = 0; k < dots.length - 1; k++) {
      const [ax, ay] = [dots[k]![0] * s, dots[k]![1] * s];
      const [bx, by] = [dots[k + 1]![0] * s, dots[k + 1]![1] * s];
      const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      if ((u - ax - t * (bx - ax)) ** 2 + (v - ay - t * (by - ay)) ** 2 <= (lineW / 2) ** 2) return true;
    }
    return false;
  };
  return png(size, (x, y) => {
    const base = coverage(x, y, square);
    if (base === 0) return [0, 0, 0, 0];
    let color: RGBA = [15, 40, 71, 255];
    const line = coverage(x, y, onLine);
    if (line > 0) color = mix(color, [231, 233, 234, 255], line);
    for (const [dx, dy, dotColor] of dots) {
      const dot = coverage(x, y, (u, v) => (u - dx * s) ** 2 + (v - dy * s) ** 2 <= dotR ** 2);
      if (dot > 0) color = mix(color, dotColor, dot);
    }
    return [color[0], color[1], color[2], Math.round(255 * base)];
  });
}

function mix(a: RGBA, b: RGBA, t: number): RGBA {
  return [0, 1, 2, 3].map((i) => Math.round(a[i]! * (1 - t) + b[i]! * t)) as RGBA;
}

const dir = path.resolve(import.meta.dirname, '../public/icon');
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(path.join(dir, `${size}.png`), icon(size));
console.log(`icons: ${SIZES.join(', ')} px in public/icon/`);
