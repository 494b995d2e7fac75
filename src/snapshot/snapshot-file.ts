import { crc32 } from 'node:zlib';

/** First bytes of every snapshot file. */
const MAGIC = 'RBSNAP01';
const ALIGN = 8;

/** The element types a section can hold. */
const ARRAY_TYPES = {
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
} as const;
export type SectionType = keyof typeof ARRAY_TYPES;
export type SectionArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

interface SectionEntry {
  name: string;
  type: SectionType;
  /** Byte offset in the body and length in bytes. */
  offset: number;
  bytes: number;
}

interface Header {
  /** Whatever the writer keys the snapshot by; compared by the reader, not interpreted here. */
  key: unknown;
  sections: SectionEntry[];
  bodyBytes: number;
  crc: number;
}

/** Why a snapshot file could not be used: the reader logs it and rebuilds. */
export class SnapshotCorrupt extends Error {}

/**
 * Encodes named typed arrays and a key into one buffer: magic, header length, JSON header
 * (key, sections, body size, CRC-32 of the body), then the arrays, each 8-byte aligned so a
 * reader can view them in place.
 */
export function encodeSnapshot(key: unknown, sections: Record<string, SectionArray>): Buffer[] {
  const entries: SectionEntry[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  let crc = 0;
  for (const [name, array] of Object.entries(sections)) {
    const type = typeOf(array);
    entries.push({ name, type, offset, bytes: array.byteLength });
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    const padding = Buffer.alloc((ALIGN - (array.byteLength % ALIGN)) % ALIGN);
    crc = crc32(padding, crc32(bytes, crc));
    chunks.push(bytes, padding);
    offset += array.byteLength + padding.length;
  }
  const header: Header = { key, sections: entries, bodyBytes: offset, crc };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerPadding = (ALIGN - ((MAGIC.length + 4 + json.length) % ALIGN)) % ALIGN;
  const prefix = Buffer.alloc(MAGIC.length + 4 + json.length + headerPadding, 0x20);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(json.length + headerPadding, MAGIC.length);
  json.copy(prefix, MAGIC.length + 4);
  return [prefix, ...chunks];
}

/** The key a snapshot was written with, without checking its body (cheap: reads the header only). */
export function snapshotKey(buffer: Buffer): unknown {
  return readHeader(buffer).header.key;
}

/**
 * The arrays of a snapshot, viewed in place (copied only when the buffer is misaligned).
 * Throws SnapshotCorrupt when the file is not a snapshot, is truncated, or fails its CRC.
 */
export function decodeSnapshot(buffer: Buffer): { key: unknown; sections: Map<string, SectionArray> } {
  const { header, bodyStart } = readHeader(buffer);
  if (buffer.length !== bodyStart + header.bodyBytes)
    throw new SnapshotCorrupt(
      `snapshot is ${buffer.length} bytes, expected ${bodyStart + header.bodyBytes} (truncated or padded)`,
    );
  const body = buffer.subarray(bodyStart);
  if (crc32(body) !== header.crc) throw new SnapshotCorrupt('snapshot fails its checksum');
  const sections = new Map<string, SectionArray>();
  for (const entry of header.sections) {
    const Type = ARRAY_TYPES[entry.type];
    if (!Type || entry.offset + entry.bytes > header.bodyBytes || entry.bytes % Type.BYTES_PER_ELEMENT !== 0)
      throw new SnapshotCorrupt(`snapshot section ${entry.name} is malformed`);
    const start = body.byteOffset + entry.offset;
    const length = entry.bytes / Type.BYTES_PER_ELEMENT;
    sections.set(
      entry.name,
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(body.buffer as ArrayBuffer, start, length)
        : new Type(new Uint8Array(body.buffer, start, entry.bytes).slice().buffer),
    );
  }
  return { key: header.key, sections };
}

function readHeader(buffer: Buffer): { header: Header; bodyStart: number } {
  if (buffer.length < MAGIC.length + 4 || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new SnapshotCorrupt('not a snapshot file');
  const headerBytes = buffer.readUInt32LE(MAGIC.length);
  const bodyStart = MAGIC.length + 4 + headerBytes;
  if (bodyStart > buffer.length) throw new SnapshotCorrupt('snapshot header is truncated');
  let header: Header;
  try {
    header = JSON.parse(buffer.toString('utf8', MAGIC.length + 4, bodyStart)) as Header;
  } catch {
    throw new SnapshotCorrupt('snapshot header is not readable');
  }
  if (!header || !Array.isArray(header.sections) || typeof header.bodyBytes !== 'number')
    throw new SnapshotCorrupt('snapshot header is malformed');
  return { header, bodyStart };
}

function typeOf(array: SectionArray): SectionType {
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Uint16Array) return 'u16';
  return 'u8';
}
