import { fmt } from './scale';

/**
 * The body of a data table, kept in step with its rows incrementally. A live chart's table grows by
 * a few rows at a time (a training run adds epochs), so rebuilding hundreds of rows for every update
 * would cost the main thread more than everything else the chart does: here only new rows are
 * created and only cells whose text changed are touched. Text goes in through `textContent`, never
 * as markup.
 */

/** One table cell: numbers are formatted (4 significant digits), strings shown as they are, null as "—". */
export type Cell = number | string | null;

/** The text a cell shows: never "NaN" (non-finite numbers and null show "—"). */
export function cellText(cell: Cell): string {
  return typeof cell === 'number' ? fmt(cell, 4) : (cell ?? '—');
}

/** What a tbody currently shows, cell by cell (owned by one table body). */
export type RenderedRows = string[][];

/**
 * Makes `tbody` show `rows`: appends missing rows, removes surplus ones and rewrites only the cells
 * whose text changed. `rendered` is the cache of what `tbody` shows; pass the same array every time
 * (start with []) and let nothing else change the tbody's children.
 */
export function syncRows(
  tbody: HTMLTableSectionElement,
  rows: readonly (readonly Cell[])[],
  rendered: RenderedRows
): void {
  const doc = tbody.ownerDocument;
  while (rendered.length > rows.length) {
    tbody.lastElementChild?.remove();
    rendered.pop();
  }
  const trs = tbody.children;
  for (let i = 0; i < rendered.length; i++) {
    const row = rows[i];
    const was = rendered[i];
    const tr = trs[i] as HTMLTableRowElement;
    if (row.length !== was.length) {
      tr.replaceWith(makeRow(doc, row, (rendered[i] = [])));
      continue;
    }
    for (let j = 0; j < row.length; j++) {
      const text = cellText(row[j]);
      if (text !== was[j]) {
        was[j] = text;
        (tr.children[j] as HTMLElement).textContent = text;
      }
    }
  }
  if (rows.length > rendered.length) {
    const batch = doc.createDocumentFragment();
    for (let i = rendered.length; i < rows.length; i++) {
      const texts: string[] = [];
      batch.append(makeRow(doc, rows[i], texts));
      rendered.push(texts);
    }
    tbody.append(batch);
  }
}

/** A <tr> of the row's cells; their texts are pushed onto `texts`. */
function makeRow(doc: Document, row: readonly Cell[], texts: string[]): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  for (const cell of row) {
    const td = doc.createElement('td');
    const text = cellText(cell);
    td.textContent = text;
    texts.push(text);
    tr.append(td);
  }
  return tr;
}
