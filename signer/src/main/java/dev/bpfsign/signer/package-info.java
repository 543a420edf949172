/**
 * Signs loader programs in the format the kernel verifies: CMS SignedData (DER, detached, no
 * certificates, no signed attributes, SHA-256) over the payload of the chosen scheme.
 */
package dev.bpfsign.signer;
