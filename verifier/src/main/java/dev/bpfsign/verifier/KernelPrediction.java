package dev.bpfsign.verifier;

import java.util.Objects;

/**
 * What a kernel would answer to BPF_PROG_LOAD with one signature block of this loader, if the
 * signer's certificate is in the chosen keyring (kernel-signing §3.5, §3.7).
 *
 * @param signature index of the signature block
 * @param scheme the scheme of the signature and of its variant ({@code 6.18} or {@code 7.3})
 * @param kernel the kernel generation asked: {@code 6.18} (Linux 6.18 to 7.2) or {@code 7.3}
 *     (Linux 7.3 and later: the folded scheme)
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
