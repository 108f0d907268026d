import type { CsvReadReply, CsvReadRequest } from './protocol';
import { readUserCsv } from './read';

/** What the CSV worker does with a request: read it, reply with the result (and its buffers to move). */
export function handleCsvRead(m: CsvReadRequest): { reply: CsvReadReply; transfer: Transferable[] } {
  const input = typeof m.input === 'string' ? m.input : new Uint8Array(m.input);
  const result = readUserCsv(input, m.label);
  const transfer: Transferable[] = result.ok ? [result.table.x.buffer, result.table.y.buffer] : [];
  return { reply: { type: 'read', run: m.run, name: m.name, result }, transfer };
}
