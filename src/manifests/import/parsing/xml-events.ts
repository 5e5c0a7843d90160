import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportRefusal } from './imported-row.js';

export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Feeds a part's XML to a SAX parser a chunk at a time, calling the handlers
 * with local names (prefixes dropped: strict OOXML and some writers prefix every
 * tag). After each chunk it yields, so that the caller can hand on what the
 * handlers collected before more is read. A DOCTYPE is refused: OOXML never has
 * one, and entity declarations are how XML bombs are made.
 */
export async function* xmlChunks(stream: Readable, part: string, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | undefined;
  parser.on('error', (err) => (failure ??= err));
  parser.on('doctype', () => (failure ??= new Error('a DOCTYPE is not allowed')));
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      if (failure) break;
      yield;
    }
    if (!failure) parser.close();
  } catch (err) {
    failure ??= err as Error;
  } finally {
    stream.destroy();
  }
  if (failure) {
    if (failure instanceof ImportRefusal) throw failure;
    throw new ImportRefusal('IMPORT_INVALID', `The XLSX part ${part} is not well-formed XML: ${failure.message}`);
  }
}

/** Runs a whole part through the handlers. */
export async function readXml(stream: Readable, part: string, handlers: XmlHandlers): Promise<void> {
  for await (const _ of xmlChunks(stream, part, handlers));
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
