package dev.bpfsign.cli;

import dev.bpfsign.cli.json.EnforcePolicyJson;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.runtime.KernelKeyrings;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.runtime.KernelSignatureSupport;
import dev.bpfsign.runtime.LoadOptions;
import dev.bpfsign.runtime.TypeNames;
import dev.bpfsign.runtime.enforce.Cgroup;
import dev.bpfsign.runtime.enforce.EnforceMode;
import dev.bpfsign.runtime.enforce.EnforcePolicy;
import dev.bpfsign.runtime.enforce.EnforceProgram;
import dev.bpfsign.runtime.enforce.Enforcement;
import dev.bpfsign.runtime.enforce.LsmProbe;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.verifier.AdmittedLoader;
import dev.bpfsign.verifier.CertificateFiles;
import dev.bpfsign.verifier.Keyring;
import dev.bpfsign.verifier.Policy;
import dev.bpfsign.verifier.TrustStore;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bpfsign enforce}: make the host (or one cgroup) refuse BPF that did not pass admission,
 * with bpfsign's BPF LSM program on the {@code bpf_prog_load} hook (docs/enforce.md). The
 * program itself is admitted like any other loader: {@code --export-loader}, sign, then
 * {@code --loader FILE --trust CERT}.
 */
@Command(name = "enforce", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Refuse unadmitted BPF on this host (or one cgroup) with bpfsign's BPF LSM policy.",
      "Install: enforce --loader SIGNED --trust CERT [--audit] [--mode M] [--cgroup P] [--keyring K]...",
      "Also: --status, --off, --watch, --export-loader FILE."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (installed, removed, reported)",
      "1:the enforce loader was not admitted",
      "2:usage error",
      "3:bad input (a policy that locks out admission, unknown keyring, no bpffs, not a cgroup2 directory)",
      "4:the kernel refused (no BPF LSM here, privileges)",
      "70:internal error",
    })
final class EnforceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** What to do; install when none is given. */
  static final class Action {
    @Option(names = "--status", description = "Say which policies are active: mode, scope, since when, counters.")
    boolean status;

    @Option(names = "--off", description = "Remove the policy (of --cgroup, else the host-wide one).")
    boolean off;

    @Option(names = "--watch", description = "Stream the policy's decisions (until Ctrl-C).")
    boolean watch;

    @Option(names = "--export-loader", paramLabel = "FILE",
        description = "Write the unsigned loader of bpfsign's enforce program, to sign and pass to --loader.")
    Path exportLoader;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Action action = new Action();

  @Option(names = "--loader", paramLabel = "LOADER", description = "The signed enforce loader (from --export-loader, then bpfsign sign).")
  Path loader;

  @Option(names = "--trust", paramLabel = "PATH", arity = "1", split = ",",
      description = "Trusted certificates that admit the enforce loader (as for load). Repeatable, or comma-separated.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--cert", paramLabel = "PATH", arity = "1", split = ",",
      description = "Untrusted certificates that help build a chain to the trust (as for load). Repeatable, or comma-separated.")
  List<Path> certs = new ArrayList<>();

  @Option(names = "--audit", description = "Report what would be refused; refuse nothing.")
  boolean audit;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "kernel-verified (the kernel checks signatures) or service-gated (only --allow-cgroup may load);"
          + " default: kernel-verified where the kernel verifies signatures, else service-gated.")
  String mode;

  @Option(names = "--cgroup", paramLabel = "PATH",
      description = "Apply to this cgroup2 directory and its descendants only (BPF_LSM_CGROUP); default: the whole host.")
  Path cgroup;

  @Option(names = "--allow-cgroup", paramLabel = "PATH",
      description = "The admission service's cgroup: loads from it (and below) are allowed. Repeatable.")
  List<Path> allowCgroups = new ArrayList<>();

  @Option(names = "--keyring", paramLabel = "KEYRING", converter = KeyringConverter.class, arity = "1", split = ",",
      description = "Keyrings a signed load may name: builtin (default, as for load), secondary, platform, or a"
          + " serial from 'bpfsign keyring add'. Repeatable; the first also checks the enforce loader.")
  List<Keyring> keyrings = new ArrayList<>();

  @Option(names = "--allow-type", paramLabel = "TYPE",
      description = "A program type always allowed (e.g. cgroup_skb, cgroup_device for systemd). Repeatable.")
  List<String> allowTypes = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Enforce policy file (schema bpfsign.enforce-policy/v1); options add to it.")
  Path policyFile;

  @Option(names = "--bpffs", paramLabel = "DIR", description = "The BPF file system to pin in (default /sys/fs/bpf).")
  Path bpffs = Path.of("/sys/fs/bpf");

  @Option(names = "--json", description = "--status, --watch: print JSON (--watch: one object per line).")
  boolean json;

  @Option(names = "--no-follow", description = "--watch: print the events already waiting, then exit.")
  boolean noFollow;

  /** The default of --keyring: the same as verify's and load's. */
  static final Keyring DEFAULT_KEYRING = Keyring.BUILTIN;

  @Override
  public Integer call() throws IOException, BadInputException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (action.exportLoader != null) {
      LoaderFile file = EnforceProgram.loader();
      AtomicFiles.write(action.exportLoader, LoaderFileFormat.write(file));
      out.println("wrote " + action.exportLoader + ": the unsigned loader of bpfsign's enforce program ("
          + file.insns().length() / 8 + " instructions); sign it, then: bpfsign enforce --loader "
          + action.exportLoader + " --trust CERT");
      out.flush();
      return ExitCodes.OK;
    }
    Optional<Cgroup> scopeCgroup = cgroup == null ? Optional.empty() : Optional.of(Cgroup.of(cgroup, "--cgroup"));
    Enforcement.Scope scope = new Enforcement.Scope(scopeCgroup);
    if (action.status) {
      return EnforceReports.status(out, Enforcement.status(bpffs), json);
    }
    if (action.off) {
      boolean removed = Enforcement.remove(scope, bpffs);
      out.println(removed ? "removed the policy on " + scope.describe() + ": detached, pins removed"
          : "no policy was enforced on " + scope.describe());
      out.flush();
      return ExitCodes.OK;
    }
    if (action.watch) {
      return EnforceReports.watch(out, bpffs, scopeCgroup.map(c -> scope.dirName()), json, noFollow);
    }
    return install(out, scope);
  }

  private int install(PrintWriter out, Enforcement.Scope scope) throws IOException, BadInputException {
    EnforcePolicyJson file = policyFile == null ? null : EnforcePolicyJson.read(policyFile);
    EnforceMode requested = requestedMode(file);
    boolean auditing = audit || (file != null && file.audit().orElse(false));
    List<Keyring> rings = keyrings(file);
    List<EnforcePolicy.AllowedCgroup> allowed = new ArrayList<>();
    List<String> allowPaths = new ArrayList<>(file == null ? List.of() : file.allowCgroups());
    allowCgroups.forEach(p -> allowPaths.add(p.toString()));
    for (String p : new LinkedHashSet<>(allowPaths)) {
      Cgroup c = Cgroup.of(Path.of(p), "--allow-cgroup");
      allowed.add(new EnforcePolicy.AllowedCgroup(c.id(), c.level()));
    }
    List<Integer> types = new ArrayList<>();
    List<String> typeNames = new ArrayList<>(file == null ? List.of() : file.allowTypes());
    typeNames.addAll(allowTypes);
    for (String t : new LinkedHashSet<>(typeNames)) {
      int n = TypeNames.programType(t);
      if (n < 0 || n >= 64) {
        throw new BadInputException("--allow-type " + t + ": not a program type (e.g. cgroup_skb, cgroup_device)");
      }
      types.add(n);
    }
    if (Enforcement.status(bpffs).isEmpty()) { // an active policy would refuse the unsigned probe itself
      LsmProbe.Result lsm = LsmProbe.probe();
      if (!lsm.loads()) {
        throw new KernelFailure(lsm.errno() == Errno.EPERM
            ? new KernelRefusedException("enforce: load an lsm/bpf_prog_load program", lsm.errno(),
                Enforcement.LSM_REFUSED)
            : new KernelRefusedException("enforce: " + lsm.detail(), lsm.errno(), ""));
      }
    }
    EnforceMode chosen = chosen(requested);
    if (chosen == EnforceMode.SERVICE_GATED && allowed.isEmpty()) {
      throw new BadInputException("--mode service-gated without --allow-cgroup would lock out the admission path"
          + " itself: name the cgroup 'bpfsign load' runs in");
    }
    if (loader == null || trust.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "installing needs --loader SIGNED and --trust CERT (make the"
          + " loader with 'bpfsign enforce --export-loader FILE' and sign it)");
    }
    if (allowed.size() > EnforcePolicy.MAX_CGROUPS || rings.size() > EnforcePolicy.MAX_KEYRINGS) {
      throw new BadInputException("at most " + EnforcePolicy.MAX_KEYRINGS + " keyrings and "
          + EnforcePolicy.MAX_CGROUPS + " allowed cgroups");
    }
    EnforcePolicy policy = new EnforcePolicy(chosen, auditing, rings.stream().map(k -> (int) k.id()).toList(),
        allowed, types, Instant.now().getEpochSecond());

    LoaderFile enforceLoader = LoaderInput.read(loader);
    Verifier.Builder verifier = Verifier.builder().trust(TrustStore.load(trust)).keyring(rings.getFirst())
        .policy(Policy.permissive());
    if (!certs.isEmpty()) {
      verifier.intermediates(CertificateFiles.readCertificates(certs, Optional.empty()));
    }
    Verdict verdict = verifier.build().verify(enforceLoader);
    Optional<AdmittedLoader> admitted = verdict.admittedLoader();
    if (admitted.isEmpty()) {
      out.println("NOT ADMITTED: " + enforceLoader.name() + " was not installed");
      verdict.refusals().forEach(f -> out.println("  " + f.severity() + " " + f.code() + ": " + f.message()));
      out.flush();
      return ExitCodes.NOT_ADMITTED;
    }
    Enforcement.Active active;
    try {
      active = Enforcement.install(admitted.get(), new LoadOptions(rings.getFirst()), policy, scope, bpffs);
    } catch (KernelRefusedException e) {
      throw new KernelFailure(e);
    }
    out.println((auditing ? "auditing (nothing is refused) " : "enforcing ") + chosen.label() + " on "
        + scope.describe() + ": " + EnforceReports.rule(active.policy()));
    out.println("pinned at " + active.dir() + " (link id " + active.linkId() + ", program id " + active.progId()
        + "); remove with: bpfsign enforce --off" + scope.cgroup().map(c -> " --cgroup " + c.path()).orElse(""));
    out.flush();
    return ExitCodes.OK;
  }

  /** The mode asked for (--mode, else the policy file), or null to choose from what the kernel can do. */
  private EnforceMode requestedMode(EnforcePolicyJson file) throws BadInputException {
    String text = mode != null ? mode : file != null ? file.mode().orElse(null) : null;
    if (text == null) {
      return null;
    }
    EnforceMode m = EnforceMode.ofLabel(text);
    if (m == null) {
      throw new BadInputException("--mode " + text + ": unknown mode (kernel-verified or service-gated)");
    }
    return m;
  }

  private static EnforceMode chosen(EnforceMode requested) throws BadInputException {
    boolean verifies = KernelSignatureSupport.probe().result() == KernelSignatureSupport.Result.VERIFIES;
    if (requested == null) {
      return verifies ? EnforceMode.KERNEL_VERIFIED : EnforceMode.SERVICE_GATED;
    }
    if (requested == EnforceMode.KERNEL_VERIFIED && !verifies) {
      throw new BadInputException("--mode kernel-verified: this kernel does not verify BPF signatures, so every"
          + " userspace load would be refused; use --mode service-gated");
    }
    return requested;
  }

  /** The allowed keyrings: never a user's own (session, user, process, thread), where anyone can add a key. */
  private List<Keyring> keyrings(EnforcePolicyJson file) throws BadInputException {
    Set<Keyring> all = new LinkedHashSet<>(keyrings);
    if (file != null) {
      for (String t : file.keyrings()) {
        try {
          all.add(Keyring.parse(t));
        } catch (IllegalArgumentException e) {
          throw new BadInputException(policyFile + ": keyrings: " + e.getMessage());
        }
      }
    }
    if (all.isEmpty()) {
      all.add(DEFAULT_KEYRING);
    }
    for (Keyring k : all) {
      if (k.id() < 0) {
        throw new BadInputException("--keyring " + k.name() + ": a process's own keyring (session, user, ...) cannot"
            + " be trusted: anyone can add a key there; use a system keyring or a serial from 'bpfsign keyring add'");
      }
      if (k.id() > 2 && !KernelKeyrings.isKeyring((int) k.id())) {
        throw new BadInputException("--keyring " + k.id() + ": unknown keyring (no keyring with that serial is visible)");
      }
    }
    return List.copyOf(all);
  }

}
