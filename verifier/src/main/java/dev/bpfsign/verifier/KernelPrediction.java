package dev.bpfsign.verifier;

import java.util.Objects;

/**
 * What a kernel would answer to BPF_PROG_LOAD with one signature block of this loader, if the
 * signer's certificate is in the chosen keyring (kernel-signing §3.5, §3.7).
 *
 * @param signature index of the signature block
 * @param scheme the scheme the signature targets ({@code 6.18} or {@code 2026})
 * @param kernel the kernel generation asked: {@code 6.18} (Linux 6.18 up to June 2026) or
 *     {@code 2026-07} (load-time metadata verification)
 * @param keyring the keyring the load names
 * @param answer {@code accept}, an errno name ({@code EKEYREJECTED}, {@code EBADMSG},
 *     {@code ENOKEY}, {@code EINVAL}, {@code EACCES}, {@code ENOPKG}), or {@code unknown}
 * @param errno the errno number, 0 for accept and unknown
 * @param reason one line saying why
 */
public record KernelPrediction(
    int signature, String scheme, String kernel, String keyring, String answer, int errno, String reason) {
  public KernelPrediction {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean accepts() {
    return answer.equals("accept");
  }
}
