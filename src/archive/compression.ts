import { extname } from 'node:path';

export const COMPRESSIONS = ['store', 'auto', 'deflate'] as const;
/**
 * `store` keeps bytes as they are (fast, exact sizes, resumable); `deflate`
 * compresses every entry; `auto` compresses only what is likely to shrink.
 */
export type Compression = (typeof COMPRESSIONS)[number];

// Formats that are compressed already: deflating them again costs CPU and saves nothing.
const COMPRESSED_EXTENSIONS = new Set(
  [
    // images
    'jpg jpeg png gif webp avif heic heif jxl jp2',
    // video and audio
    'mp4 m4v mov mkv webm avi wmv flv mpg mpeg mp3 m4a aac ogg oga opus flac wma',
    // archives and compressed streams
    'zip gz tgz bz2 tbz2 xz txz zst lz lz4 lzma 7z rar jar war apk ipa cab dmg br',
    // documents that are zip or deflate inside
    'pdf docx xlsx pptx odt ods odp epub xps cbz',
  ]
    .join(' ')
    .split(' '),
);

/** Whether an entry is deflated under the given mode; decided by its name, so the result is reproducible. */
export function shouldDeflate(mode: Compression, entryName: string): boolean {
  if (mode === 'store') return false;
  if (mode === 'deflate') return true;
  return !COMPRESSED_EXTENSIONS.has(extname(entryName).slice(1).toLowerCase());
}
