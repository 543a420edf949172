package dev.bpfsign.runtime.kernel;

/** What the kernel reports about a program ({@code struct bpf_prog_info}). */
public record ProgInfo(int type, int id, String name, String tag, int attachBtfObjId, int attachBtfId) {}
