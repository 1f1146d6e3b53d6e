import koffi from 'koffi';

/**
 * TWAIN 2.4 structures (twain.h from the TWAIN Working Group). twain.h is compiled with 2-byte
 * packing; every field here has an even size, so koffi's packed layout (no padding) is the same.
 * TW_STR32 is read as bytes: sources write their names in the Windows ANSI code page (GBK on a
 * Chinese system), which the binding decodes itself.
 */
const STR32 = koffi.array('uint8', 34, 'Typed');

export const TW_FIX32 = koffi.pack('TW_FIX32', { Whole: 'int16', Frac: 'uint16' });
export const TW_VERSION = koffi.pack('TW_VERSION', { MajorNum: 'uint16', MinorNum: 'uint16', Language: 'uint16', Country: 'uint16', Info: STR32 });
export const TW_IDENTITY = koffi.pack('TW_IDENTITY', {
  Id: 'uint32',
  Version: TW_VERSION,
  ProtocolMajor: 'uint16',
  ProtocolMinor: 'uint16',
  SupportedGroups: 'uint32',
  Manufacturer: STR32,
  ProductFamily: STR32,
  ProductName: STR32,
});
export const TW_CAPABILITY = koffi.pack('TW_CAPABILITY', { Cap: 'uint16', ConType: 'uint16', hContainer: 'void *' });
export const TW_ONEVALUE = koffi.pack('TW_ONEVALUE', { ItemType: 'uint16', Item: 'uint32' });
export const TW_USERINTERFACE = koffi.pack('TW_USERINTERFACE', { ShowUI: 'uint16', ModalUI: 'uint16', hParent: 'void *' });
export const TW_PENDINGXFERS = koffi.pack('TW_PENDINGXFERS', { Count: 'uint16', EOJ: 'uint32' });
export const TW_EVENT = koffi.pack('TW_EVENT', { pEvent: 'void *', TWMessage: 'uint16' });
export const TW_IMAGEINFO = koffi.pack('TW_IMAGEINFO', {
  XResolution: TW_FIX32,
  YResolution: TW_FIX32,
  ImageWidth: 'int32',
  ImageLength: 'int32',
  SamplesPerPixel: 'int16',
  BitsPerSample: koffi.array('int16', 8, 'Array'),
  BitsPerPixel: 'int16',
  Planar: 'uint16',
  PixelType: 'int16',
  Compression: 'uint16',
});
export const TW_MEMORY = koffi.pack('TW_MEMORY', { Flags: 'uint32', Length: 'uint32', TheMem: 'void *' });
export const TW_IMAGEMEMXFER = koffi.pack('TW_IMAGEMEMXFER', {
  Compression: 'uint16',
  BytesPerRow: 'uint32',
  Columns: 'uint32',
  Rows: 'uint32',
  XOffset: 'uint32',
  YOffset: 'uint32',
  BytesWritten: 'uint32',
  Memory: TW_MEMORY,
});

export const TW_STATUS = koffi.pack('TW_STATUS', { ConditionCode: 'uint16', Data: 'uint16' });
export const TW_SETUPMEMXFER = koffi.pack('TW_SETUPMEMXFER', { MinBufSize: 'uint32', MaxBufSize: 'uint32', Preferred: 'uint32' });
export const TW_CALLBACK2 = koffi.pack('TW_CALLBACK2', { CallBackProc: 'void *', RefCon: 'uintptr_t', Message: 'int16' });
export const TW_ENTRYPOINT = koffi.pack('TW_ENTRYPOINT', {
  Size: 'uint32',
  DSM_Entry: 'void *',
  DSM_MemAllocate: 'void *',
  DSM_MemFree: 'void *',
  DSM_MemLock: 'void *',
  DSM_MemUnlock: 'void *',
});

/** Container headers; the items (ItemList[1] in twain.h) follow directly. */
export const TW_ENUMERATION_HEADER = koffi.pack('TW_ENUMERATION_HEADER', { ItemType: 'uint16', NumItems: 'uint32', CurrentIndex: 'uint32', DefaultIndex: 'uint32' });
export const TW_ARRAY_HEADER = koffi.pack('TW_ARRAY_HEADER', { ItemType: 'uint16', NumItems: 'uint32' });
export const TW_RANGE = koffi.pack('TW_RANGE', { ItemType: 'uint16', MinValue: 'uint32', MaxValue: 'uint32', StepSize: 'uint32', DefaultValue: 'uint32', CurrentValue: 'uint32' });
