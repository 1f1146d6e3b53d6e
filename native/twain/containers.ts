import koffi from 'koffi';
import { TWON, TWTY } from './constants.js';
import type { Container } from './dsmEntry.js';
import { TW_ARRAY_HEADER, TW_ENUMERATION_HEADER, TW_ONEVALUE, TW_RANGE } from './structs.js';

/**
 * Capability containers as bytes (what hContainer holds once locked) and back. Items are
 * little-endian, as on every machine TWAIN runs on here; a TW_ONEVALUE or TW_RANGE keeps a
 * smaller item in the low-order bytes of its TW_UINT32 slots, so an item is read and written at
 * the slot's offset whatever its size.
 */
const ENUM_HEADER = koffi.sizeof(TW_ENUMERATION_HEADER);
const ARRAY_HEADER = koffi.sizeof(TW_ARRAY_HEADER);
const ONE_ITEM = koffi.offsetof(TW_ONEVALUE, 'Item');
const rangeSlots = ['MinValue', 'MaxValue', 'StepSize', 'DefaultValue', 'CurrentValue'].map((f) => koffi.offsetof(TW_RANGE, f));

const sizes: Record<number, number> = { [TWTY.INT8]: 1, [TWTY.UINT8]: 1, [TWTY.INT16]: 2, [TWTY.UINT16]: 2, [TWTY.BOOL]: 2, [TWTY.INT32]: 4, [TWTY.UINT32]: 4, [TWTY.FIX32]: 4 };

/** Bytes of one item; strings, frames and handles are not capabilities this adapter reads. */
export function itemSize(itemType: number): number {
  const size = sizes[itemType];
  if (size === undefined) throw new Error(`TWAIN item type ${itemType} is not numeric`);
  return size;
}

/** TW_FIX32 as twain.h's samples round it: to the nearest 1/65536. */
export function toFix32(value: number): { Whole: number; Frac: number } {
  const fixed = Math.round(value * 65536);
  return { Whole: fixed >> 16, Frac: fixed & 0xffff };
}

export function fromFix32(f: { Whole: number; Frac: number }): number {
  return f.Whole + f.Frac / 65536;
}

export function readItem(buf: Buffer, offset: number, itemType: number): number {
  switch (itemType) {
    case TWTY.INT8:
      return buf.readInt8(offset);
    case TWTY.UINT8:
      return buf.readUInt8(offset);
    case TWTY.INT16:
      return buf.readInt16LE(offset);
    case TWTY.UINT16:
    case TWTY.BOOL:
      return buf.readUInt16LE(offset);
    case TWTY.INT32:
      return buf.readInt32LE(offset);
    case TWTY.UINT32:
      return buf.readUInt32LE(offset);
    case TWTY.FIX32:
      return fromFix32({ Whole: buf.readInt16LE(offset), Frac: buf.readUInt16LE(offset + 2) });
    default:
      throw new Error(`TWAIN item type ${itemType} is not numeric`);
  }
}

export function writeItem(buf: Buffer, offset: number, itemType: number, value: number): void {
  switch (itemType) {
    case TWTY.INT8:
      return void buf.writeInt8(value, offset);
    case TWTY.UINT8:
      return void buf.writeUInt8(value, offset);
    case TWTY.INT16:
      return void buf.writeInt16LE(value, offset);
    case TWTY.UINT16:
    case TWTY.BOOL:
      return void buf.writeUInt16LE(value, offset);
    case TWTY.INT32:
      return void buf.writeInt32LE(value, offset);
    case TWTY.UINT32:
      return void buf.writeUInt32LE(value, offset);
    case TWTY.FIX32: {
      const { Whole, Frac } = toFix32(value);
      buf.writeInt16LE(Whole, offset);
      return void buf.writeUInt16LE(Frac, offset + 2);
    }
    default:
      throw new Error(`TWAIN item type ${itemType} is not numeric`);
  }
}

const conTypes = { one: TWON.ONEVALUE, enum: TWON.ENUMERATION, range: TWON.RANGE, array: TWON.ARRAY } as const;

export function conTypeOf(c: Container): number {
  return conTypes[c.type];
}

/** How many bytes the container occupies, so the binding can lock exactly that much. */
export function containerSize(conType: number, header: Buffer): number {
  switch (conType) {
    case TWON.ONEVALUE:
      return koffi.sizeof(TW_ONEVALUE);
    case TWON.RANGE:
      return koffi.sizeof(TW_RANGE);
    case TWON.ENUMERATION:
      return ENUM_HEADER + header.readUInt32LE(2) * itemSize(header.readUInt16LE(0));
    case TWON.ARRAY:
      return ARRAY_HEADER + header.readUInt32LE(2) * itemSize(header.readUInt16LE(0));
    default:
      throw new Error(`TWAIN container type ${conType} is unknown`);
  }
}

/** The first bytes of any container, enough for containerSize. */
export const CONTAINER_HEADER = ENUM_HEADER;

export function encodeContainer(c: Container): Buffer {
  const size = itemSize(c.itemType);
  switch (c.type) {
    case 'one': {
      const buf = Buffer.alloc(koffi.sizeof(TW_ONEVALUE));
      buf.writeUInt16LE(c.itemType, 0);
      writeItem(buf, ONE_ITEM, c.itemType, c.value);
      return buf;
    }
    case 'range': {
      const buf = Buffer.alloc(koffi.sizeof(TW_RANGE));
      buf.writeUInt16LE(c.itemType, 0);
      [c.min, c.max, c.step, c.default, c.current].forEach((v, i) => writeItem(buf, rangeSlots[i], c.itemType, v));
      return buf;
    }
    case 'enum': {
      const buf = Buffer.alloc(ENUM_HEADER + c.values.length * size);
      buf.writeUInt16LE(c.itemType, 0);
      buf.writeUInt32LE(c.values.length, 2);
      buf.writeUInt32LE(c.current, 6);
      buf.writeUInt32LE(c.default, 10);
      c.values.forEach((v, i) => writeItem(buf, ENUM_HEADER + i * size, c.itemType, v));
      return buf;
    }
    case 'array': {
      const buf = Buffer.alloc(ARRAY_HEADER + c.values.length * size);
      buf.writeUInt16LE(c.itemType, 0);
      buf.writeUInt32LE(c.values.length, 2);
      c.values.forEach((v, i) => writeItem(buf, ARRAY_HEADER + i * size, c.itemType, v));
      return buf;
    }
  }
}

export function decodeContainer(conType: number, buf: Buffer): Container {
  const itemType = buf.readUInt16LE(0);
  const items = (start: number, count: number) => Array.from({ length: count }, (_, i) => readItem(buf, start + i * itemSize(itemType), itemType));
  switch (conType) {
    case TWON.ONEVALUE:
      return { type: 'one', itemType, value: readItem(buf, ONE_ITEM, itemType) };
    case TWON.RANGE: {
      const [min, max, step, dflt, current] = rangeSlots.map((o) => readItem(buf, o, itemType));
      return { type: 'range', itemType, min, max, step, default: dflt, current };
    }
    case TWON.ENUMERATION:
      return { type: 'enum', itemType, values: items(ENUM_HEADER, buf.readUInt32LE(2)), current: buf.readUInt32LE(6), default: buf.readUInt32LE(10) };
    case TWON.ARRAY:
      return { type: 'array', itemType, values: items(ARRAY_HEADER, buf.readUInt32LE(2)) };
    default:
      throw new Error(`TWAIN container type ${conType} is unknown`);
  }
}
