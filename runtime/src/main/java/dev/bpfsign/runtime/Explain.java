package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Errno;

/** One-line causes for the errnos the load sequence meets, in the user's terms. */
final class Explain {
  private Explain() {}

  static String privileges() {
    return "not permitted: loading needs CAP_BPF and CAP_PERFMON (or root), and"
        + " kernel.unprivileged_bpf_disabled does not let others in";
  }

  static String stepErrno(LoadStep step, int errno) {
    if (errno == Errno.EPERM && step == LoadStep.LOAD_LOADER) {
      // the loader map was created, so bpf() itself is allowed: a policy refused the program
      return "not permitted: a BPF LSM policy refused this load (bpfsign enforce --status: unsigned, keyring not"
          + " allowed, or outside the admission cgroup), or loading programs needs CAP_PERFMON here";
    }
    if (errno == Errno.EPERM) {
      return privileges();
    }
    return switch (step) {
      case CREATE_LOADER_MAP -> errno == Errno.EINVAL || errno == Errno.E2BIG
          ? "this kernel has no exclusive maps (needs Linux 6.18 or newer)" : "";
      case HASH_LOADER_MAP -> errno == Errno.EINVAL || errno == Errno.E2BIG
          ? "this kernel cannot hash maps (needs Linux 6.18 or newer)" : "";
      case LOAD_LOADER -> switch (errno) {
        case Errno.EOPNOTSUPP -> "this kernel cannot verify signatures (no CONFIG_SYSTEM_DATA_VERIFICATION)";
        case Errno.E2BIG -> "this kernel predates signed BPF (needs Linux 6.18 or newer)";
        case Errno.EKEYREJECTED -> "the signature does not verify with the keyring's keys";
        case Errno.ENOKEY -> "no key in the keyring matches the signer";
        case Errno.EBADMSG -> "the kernel could not parse the signature";
        case Errno.ENOPKG -> "the kernel lacks the signature's algorithm";
        case Errno.EACCES -> "a 6.18 loader on Linux 7.3 (which refuses loaders that read their map's metadata: load"
            + " the 7.3 variant), or the loader map is exclusive to other instructions (program hash mismatch)";
        case Errno.EINVAL -> "the kernel refused the loader program; when a signature was passed, the keyring"
            + " (--keyring) may not exist";
        default -> "";
      };
      default -> "";
    };
  }

  /** The loader program's own negative return: the errno of the nested call that failed. */
  static String loaderErrno(int errno) {
    return switch (errno) {
      case Errno.EPERM -> "the kernel refused an object the loader creates; not missing privileges (the loader"
          + " itself loaded), but a kernel policy such as lockdown or an attach type this kernel does not allow";
      case Errno.ENOENT, Errno.ESRCH ->
          "something the loader needs is missing from this kernel (a BTF type, kfunc, ksym or attach target)";
      case Errno.EINVAL -> "a map or program the loader creates was rejected by the kernel"
          + " (or, for a signable loader, its data hash check failed)";
      case Errno.EACCES -> "the kernel's verifier rejected a program the loader creates";
      case Errno.E2BIG -> "a map or program exceeds this kernel's limits";
      case Errno.EOPNOTSUPP, Errno.ENOTSUPP -> "this kernel does not support a map or program type the loader uses";
      case Errno.ENOMEM -> "out of memory (or the locked-memory limit)";
      default -> "";
    };
  }
}
