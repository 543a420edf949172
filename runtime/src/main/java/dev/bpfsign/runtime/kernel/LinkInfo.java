package dev.bpfsign.runtime.kernel;

/** What the kernel reports about a link ({@code struct bpf_link_info}). */
public record LinkInfo(int type, int id, int progId) {}
