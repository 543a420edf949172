package dev.bpfsign.verifier;

import java.util.List;

/**
 * A parsed CMS ContentInfo(SignedData) with the properties the kernel cares about.
 *
 * @param detached whether eContent is absent
 * @param contentTypeOid the encapsulated content type (id-data for a kernel signature)
 * @param certificates DER certificates carried in the CMS (bpftool carries none)
 */
record CmsEnvelope(boolean detached, String contentTypeOid, List<byte[]> certificates, List<CmsSigner> signers) {
  static final String ID_DATA = "1.2.840.113549.1.7.1";
  static final String ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
  static final String SHA256 = "2.16.840.1.101.3.4.2.1";

  CmsEnvelope {
    certificates = List.copyOf(certificates);
    signers = List.copyOf(signers);
  }
}
