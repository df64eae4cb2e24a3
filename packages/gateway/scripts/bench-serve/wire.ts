/** Bytes on the wire: the body exactly as the server sends it, before any decompression. */
import http from 'node:http';

function get(url: string, headers: Record<string, string>): Promise<{ bytes: number; encoding: string; status: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity'), status: res.statusCode ?? 0 }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** One entry per Accept-Encoding asked (identity, gzip, br): what came back and how many bytes. */
export async function wireBytes(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const lines: string[] = [];
  for (const accept of ['identity', 'gzip', 'br']) {
    const { bytes, encoding, status } = await get(url, { ...headers, 'accept-encoding': accept });
    if (status !== 200) {
      lines.push(`${accept}: HTTP ${status}`);
      continue;
    }
    const size = `${bytes.toLocaleString('en')} B`;
    lines.push(accept === 'identity' || encoding === accept ? `${accept} ${size}` : `${accept} not offered (${encoding} ${size})`);
  }
  return lines;
}
