/**
 * Test data shared by every module's tests: the test PKI ({@link dev.bpfsign.testdata.TestKeys}),
 * the BPF fixture objects and bpftool's light-skeleton goldens ({@link
 * dev.bpfsign.testdata.Fixtures}), and the layering check. Read-only, JDK only; the files
 * themselves are described in {@code docs/testdata.md}.
 */
package dev.bpfsign.testdata;
