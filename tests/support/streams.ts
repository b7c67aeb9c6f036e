/** A chunk of a lazily made body: 64 KB, the size Node's HTTP server hands a stream. */
export const LAZY_CHUNK_BYTES = 64 * 1024;

/**
 * A request body that would be `totalBytes` long, made one chunk at a time only as the reader
 * pulls (nothing is read ahead), and a count of the bytes pulled so far: a test can prove a
 * reader stopped early instead of buffering the whole thing.
 */
export function lazyBody(totalBytes: number, chunkBytes = LAZY_CHUNK_BYTES): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= totalBytes) return controller.close();
        const size = Math.min(chunkBytes, totalBytes - pulled);
        pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}
