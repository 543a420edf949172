package dev.bpfsign.loader.emu;

import java.util.List;

/**
 * A program a loader loads, as decoded from its {@code BPF_PROG_LOAD} and the lookups before it.
 *
 * @param name the skeleton (ctx layout) name, or null if it does not reach the ctx
 * @param kernelName the name the kernel gets (at most 15 characters)
 * @param typeName uapi program type in lower case ("tracing"), or null if unknown
 * @param expectedAttachTypeName the attach type in uapi lower case ("trace_fentry"), or null when
 *     the program has none: a zero {@code expected_attach_type} is named only where the kernel
 *     gives zero a meaning ({@link ExpectedAttachType})
 * @param attachTarget the attach target as a SEC() name gives it ("task_newtask",
 *     "file_open"), or null when the program has none
 * @param attachBtfName the name the loader looked up in kernel BTF ("btf_trace_task_newtask"),
 *     or null
 * @param helpers names of the helpers the program calls, sorted
 * @param kfuncs names of the kernel functions it calls, sorted
 * @param ksyms names of the kernel symbols (typed or typeless ksyms) it references, sorted
 */
public record ManifestProgram(
    String name,
    String kernelName,
    int type,
    String typeName,
    int expectedAttachType,
    String expectedAttachTypeName,
    String attachTarget,
    String attachBtfName,
    int insnCount,
    String license,
    List<String> helpers,
    List<String> kfuncs,
    List<String> ksyms) {
  public ManifestProgram {
    helpers = List.copyOf(helpers);
    kfuncs = List.copyOf(kfuncs);
    ksyms = List.copyOf(ksyms);
  }
}
