import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { createHash, sign as rsaSign } from 'node:crypto';
import type { P12Identity } from './p12.js';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, items);
const octets = (b: Buffer) => asn1.create(U, T.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);

/**
 * CMS signer for PAdES baseline B-B (ETSI EN 319 142-1): detached SignedData whose signed attributes
 * are content-type, message-digest and ESS signing-certificate-v2, and no signing-time (the time
 * goes in the signature dictionary's M entry). @signpdf's P12Signer signs adbe.pkcs7.detached-style
 * attributes without signing-certificate-v2, which is why this one exists.
 */
export class CadesSigner extends Signer {
  constructor(private readonly identity: P12Identity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const { cert, chain, keyPem } = this.identity;
    const certAsn1 = forge.pki.certificateToAsn1(cert);
    const tbs = certAsn1.value[0] as forge.asn1.Asn1;
    const fields = tbs.value as forge.asn1.Asn1[];
    const hasVersion = fields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC;
    const serial = fields[hasVersion ? 1 : 0];
    const issuer = fields[hasVersion ? 3 : 2];

    const signedAttrs = [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(sha256(pdfBuffer))),
      attribute(OID.signingCertificateV2, seq([seq([seq([octets(sha256(der(certAsn1)))])])])),
    ].sort((a, b) => Buffer.compare(der(a), der(b)));
    // The signature covers the attributes DER-encoded as a SET; in SignerInfo they carry the [0] tag instead.
    const signature = rsaSign('sha256', der(set(signedAttrs)), keyPem);
    const sha256Alg = seq([oid(OID.sha256)]);

    const signerInfo = seq([
      int(1),
      seq([issuer, serial]),
      sha256Alg,
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrs),
      seq([oid(OID.rsaEncryption), asn1.create(U, T.NULL, false, '')]),
      octets(signature),
    ]);
    const signedData = seq([
      int(1),
      set([sha256Alg]),
      seq([oid(OID.data)]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [certAsn1, ...chain.map((c) => forge.pki.certificateToAsn1(c))]),
      set([signerInfo]),
    ]);
    return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}
