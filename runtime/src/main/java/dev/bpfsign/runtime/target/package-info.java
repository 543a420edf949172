/**
 * Reads a host's generation inputs (kernel release, Kconfig, possible CPUs, kallsyms) from
 * {@code /proc}, {@code /sys} and {@code /boot} the way libbpf does, into a target profile.
 */
package dev.bpfsign.runtime.target;
