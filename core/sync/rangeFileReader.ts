import { open } from 'node:fs/promises';
import type { FileReader, FileSource, SliceResult } from 'tus-js-client';

/** What we hand tus-js-client as its "file": a path and the size we expect it to have. */
export interface FileRef {
  path: string;
  size: number;
}

/**
 * Reads each chunk into memory (chunkSize bounds it) so the HTTP stack can checksum it before
 * sending; tus-js-client's own file source streams, which leaves nothing to hash up front.
 * The file is opened per chunk: tus-js-client does not close its source on every path (errors, aborts).
 */
export class RangeFileReader implements FileReader {
  async openFile(input: FileRef): Promise<FileSource> {
    return new RangeSource(input.path, input.size);
  }
}

class RangeSource implements FileSource {
  constructor(
    private readonly path: string,
    readonly size: number,
  ) {}

  async slice(start: number, end: number): Promise<SliceResult> {
    const length = Math.max(0, Math.min(end, this.size) - start);
    const buffer = Buffer.alloc(length);
    const handle = await open(this.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buffer, read, length - read, start + read);
        if (bytesRead === 0) throw new Error(`file ended at ${start + read} of ${this.size}`);
        read += bytesRead;
      }
    } finally {
      await handle.close();
    }
    return { value: Object.assign(buffer, { size: length }), done: end >= this.size };
  }

  close(): void {}
}
