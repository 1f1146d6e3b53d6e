import forge from 'node-forge';
import { CourtError } from '../../contract/index.js';

export interface P12Identity {
  /** PKCS#8 PEM of the signing key, for node:crypto. */
  keyPem: string;
  cert: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

/** Opens a PKCS#12 file; a wrong passphrase and a damaged file are told apart for the operator. */
export function openP12(bytes: Buffer, passphrase: string): P12Identity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, passphrase);
  } catch (err) {
    const wrongPass = /mac|password|decrypt/i.test(String(err));
    throw new CourtError(wrongPass ? 'SEAL_BAD_PASSPHRASE' : 'SEAL_BAD_KEYSTORE', { details: { cause: String(err) } });
  }
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].find((b) => b.key);
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  const cert = key && certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!key || !cert) throw new CourtError('SEAL_BAD_KEYSTORE', { details: { cause: 'no RSA key with a matching certificate' } });
  return { keyPem: forge.pki.privateKeyToPem(key), cert, chain: certs.filter((c) => c !== cert) };
}

export function commonName(cert: forge.pki.Certificate): string {
  return (cert.subject.getField('CN') as { value: string } | null)?.value ?? '';
}
