import koffi from 'koffi';

/**
 * TWAIN 2.4 structures (twain.h from the TWAIN Working Group). twain.h is compiled with 2-byte
 * packing; every field here has an even size, so koffi's packed layout (no padding) is the same.
 */
const STR32 = koffi.array('char', 34, 'Array');

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

/**
 * DSM_Entry from TWAINDSM.dll, loaded only on Windows (the adapter's sidecar runs it in a
 * 32-bit process where the data source is 32-bit only). Not callable on Linux.
 */
export function loadDsmEntry() {
  if (process.platform !== 'win32') throw new Error('TWAIN is available on Windows only');
  const dsm = koffi.load('TWAINDSM.dll');
  const callconv = process.arch === 'ia32' ? '__stdcall' : '';
  return dsm.func(`uint16 ${callconv} DSM_Entry(TW_IDENTITY *pOrigin, TW_IDENTITY *pDest, uint32 DG, uint16 DAT, uint16 MSG, void *pData)`);
}
