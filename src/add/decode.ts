/** Decodes a page's bytes with the charset it declares (HTTP header or `<meta>`), UTF-8 otherwise. */
export function decodeHtml(bytes: Uint8Array, contentType: string | null = null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const label =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
