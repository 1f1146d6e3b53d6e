import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { CourtError } from '../../contract/index.js';

// Keys in the text forms of golang.org/x/mod/sumdb/note, so a court's IT staff can check
// our checkpoints with the Go tooling (note.NewVerifier, transparency-dev/formats):
//   verifier key  <name>+<hash hex>+<base64(0x01 ‖ 32-byte Ed25519 public key)>
//   signer key    PRIVATE+KEY+<name>+<hash hex>+<base64(0x01 ‖ 32-byte Ed25519 seed)>
// hash = first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).

export const ALG_ED25519 = 0x01;

/** Signs note texts; async so a hardware token or an OS keystore can sit behind it. */
export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyHash: number;
  /** The verifier key string this verifier was built from. */
  readonly verifierKey: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

// Go's unicode.IsSpace set; a key name must contain none of these nor '+'.
const SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HASH_HEX = /^[0-9a-f]{8}$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Splits at the first `count` plus signs only: base64 key data contains '+' too. */
function cutPlus(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return [];
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !LONE_SURROGATE.test(name) && !SPACE.test(name) && !name.includes('+');
}

/** Strict standard base64 (padding required, nothing else allowed), or null. */
export function decodeBase64(text: string): Buffer | null {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

export function keyHash(name: string, algAndKey: Uint8Array): number {
  return createHash('sha256').update(name, 'utf8').update('\n').update(algAndKey).digest().readUInt32BE(0);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function badKey(why: string, details?: Record<string, unknown>): CourtError {
  return new CourtError('LEDGER_KEY_INVALID', { message: `密钥格式无效：${why}`, messageEn: `Invalid key: ${why}`, details });
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410 §7): Node imports private keys only in a container.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw badKey('not an Ed25519 key');
  return Buffer.from(x, 'base64url');
}

function rawSeed(key: KeyObject): Buffer {
  const d = key.export({ format: 'jwk' }).d;
  if (typeof d !== 'string') throw badKey('not an Ed25519 private key');
  return Buffer.from(d, 'base64url');
}

export function verifierKeyFor(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw badKey(`密钥名称不能为空，且不能含空白或“+”：${name}`, { name });
  if (publicKey.length !== 32) throw badKey('Ed25519 公钥应为 32 字节');
  const alg = Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]);
  return `${name}+${hex8(keyHash(name, alg))}+${alg.toString('base64')}`;
}

/** Parses a verifier key; throws LEDGER_KEY_INVALID for any malformed or unsupported key, as note.NewVerifier does. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = cutPlus(vkey, 2);
  if (parts.length === 0) throw badKey('应为“名称+哈希+公钥”', { vkey });
  const [name, hash16, key64] = parts;
  const key = decodeBase64(key64);
  if (!isValidKeyName(name) || !HASH_HEX.test(hash16) || !key || key.length === 0) throw badKey('应为“名称+哈希+公钥”', { vkey });
  const hash = parseInt(hash16, 16);
  if (hash !== keyHash(name, key)) throw badKey('密钥哈希与公钥不符', { vkey });
  if (key[0] !== ALG_ED25519) throw badKey(`不支持的签名算法 ${key[0]}`, { vkey });
  if (key.length !== 33) throw badKey('Ed25519 公钥应为 32 字节', { vkey });
  const publicKey = publicKeyFromRaw(key.subarray(1));
  return {
    name,
    keyHash: hash,
    verifierKey: vkey,
    verify(message, signature) {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

export interface Ed25519Signer extends NoteSigner {
  readonly verifierKey: string;
}

function signerFrom(name: string, privateKey: KeyObject): Ed25519Signer {
  const verifierKey = verifierKeyFor(name, rawPublicKey(createPublicKey(privateKey)));
  return {
    name,
    keyHash: parseInt(verifierKey.split('+')[1], 16),
    verifierKey,
    sign: async (message) => sign(null, message, privateKey),
  };
}

/** Parses a signer key, checking its hash against the public key it derives, as note.NewSigner does. */
export function parseSignerKey(skey: string): Ed25519Signer {
  const parts = cutPlus(skey, 4);
  if (parts.length === 0 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw badKey('应为“PRIVATE+KEY+名称+哈希+私钥”');
  const [, , name, hash16, key64] = parts;
  const key = decodeBase64(key64);
  if (!isValidKeyName(name) || !HASH_HEX.test(hash16) || !key || key.length === 0) throw badKey('应为“PRIVATE+KEY+名称+哈希+私钥”');
  if (key[0] !== ALG_ED25519) throw badKey(`不支持的签名算法 ${key[0]}`);
  if (key.length !== 33) throw badKey('Ed25519 私钥种子应为 32 字节');
  const signer = signerFrom(name, privateKeyFromSeed(key.subarray(1)));
  if (signer.keyHash !== parseInt(hash16, 16)) throw badKey('密钥哈希与私钥不符');
  return signer;
}

export function signerKeyString(name: string, privateKey: KeyObject): string {
  const signer = signerFrom(name, privateKey);
  const seed = Buffer.concat([Buffer.from([ALG_ED25519]), rawSeed(privateKey)]);
  return `PRIVATE+KEY+${name}+${hex8(signer.keyHash)}+${seed.toString('base64')}`;
}

/** A fresh Ed25519 key pair in note text form. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw badKey(`密钥名称不能为空，且不能含空白或“+”：${name}`, { name });
  const { privateKey } = generateKeyPairSync('ed25519');
  const signerKey = signerKeyString(name, privateKey);
  return { signerKey, verifierKey: parseSignerKey(signerKey).verifierKey };
}
