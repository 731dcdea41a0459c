/**
 * A compact column store for the large historical sets (600,000 reports): one binary file that
 * the gateway reads and the browser can view as typed arrays without parsing.
 *
 * Layout: "OMCT", u32 header length, header JSON (UTF-8), then the data section: each column's
 * bytes at its header offset (relative to the data section), every start a multiple of 8 so
 * typed-array views need no copy. Little-endian, as on every
 * machine OneMap runs on.
 */
const MAGIC = 0x54434d4f; // "OMCT" read as a little-endian u32

export type ColumnType = 'u8' | 'u16' | 'u32' | 'i32' | 'f32';

type ArrayOf<T extends ColumnType> = T extends 'u8'
  ? Uint8Array
  : T extends 'u16'
    ? Uint16Array
    : T extends 'u32'
      ? Uint32Array
      : T extends 'i32'
        ? Int32Array
        : Float32Array;
export type ColumnArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

const CONSTRUCTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
} as const;

export interface ColumnHeader {
  name: string;
  type: ColumnType;
  /** Byte offset within the data section. */
  offset: number;
  /** For coded columns: the value each number stands for. */
  dictionary?: string[];
}

export interface TableHeader {
  format: 'onemap-columns';
  version: 1;
  rows: number;
  columns: ColumnHeader[];
  meta: Record<string, string | number>;
}

export interface Table {
  header: TableHeader;
  columns: Record<string, ColumnArray>;
}

/** A table's column by name, of the array type the reader expects. */
export function columnOf<T extends ColumnArray>(
  table: Table,
  name: string,
  type: new (n: number) => T,
): T {
  const c = table.columns[name];
  if (!(c instanceof type)) throw new Error(`column table lacks a ${type.name} column ${name}`);
  return c;
}

/** The values a coded column's numbers stand for. */
export function dictionaryOf(table: Table, name: string): string[] {
  const d = table.header.columns.find((c) => c.name === name)?.dictionary;
  if (!d) throw new Error(`column ${name} has no dictionary`);
  return d;
}

export function newColumn<T extends ColumnType>(type: T, rows: number): ArrayOf<T> {
  return new CONSTRUCTORS[type](rows) as ArrayOf<T>;
}

export function encodeTable(
  rows: number,
  columns: { name: string; data: ColumnArray; dictionary?: string[] }[],
  meta: Record<string, string | number> = {},
): Uint8Array {
  const typeOf = (a: ColumnArray): ColumnType =>
    a instanceof Uint8Array
      ? 'u8'
      : a instanceof Uint16Array
        ? 'u16'
        : a instanceof Uint32Array
          ? 'u32'
          : a instanceof Int32Array
            ? 'i32'
            : 'f32';
  for (const c of columns) {
    if (c.data.length !== rows)
      throw new Error(`column ${c.name} has ${c.data.length} rows, not ${rows}`);
  }
  let at = 0;
  const header: TableHeader = {
    format: 'onemap-columns',
    version: 1,
    rows,
    meta,
    columns: columns.map((c) => {
      const h: ColumnHeader = { name: c.name, type: typeOf(c.data), offset: at };
      if (c.dictionary) h.dictionary = c.dictionary;
      at = align8(at + c.data.byteLength);
      return h;
    }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align8(8 + json.length);
  const out = new Uint8Array(dataStart + at);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  header.columns.forEach((h, i) => {
    const data = columns[i]?.data;
    if (data)
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataStart + h.offset);
  });
  return out;
}

export function decodeTable(buffer: ArrayBuffer): Table {
  const view = new DataView(buffer);
  if (buffer.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new Error('not a OneMap column table (bad magic number)');
  }
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, length))) as Record<
    string,
    unknown
  >;
  if (header.format !== 'onemap-columns' || header.version !== 1) {
    throw new Error(`unsupported column table ${String(header.format)} v${String(header.version)}`);
  }
  return viewColumns(header as unknown as TableHeader, buffer, length);
}

function viewColumns(header: TableHeader, buffer: ArrayBuffer, length: number): Table {
  const dataStart = align8(8 + length);
  const columns: Record<string, ColumnArray> = {};
  for (const c of header.columns) {
    columns[c.name] = new CONSTRUCTORS[c.type](buffer, dataStart + c.offset, header.rows);
  }
  return { header, columns };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
