package dev.bpfsign.loader.emu;

import java.util.HashMap;
import java.util.Map;

/**
 * Succeeds for every name with made-up but deterministic answers: BTF ids from 100000 up in
 * order of first request (same name and kind, same id), all in vmlinux (obj fd 0); addresses
 * in the kernel text range in order of first request. Distinct names get distinct ids, so a
 * manifest can tell which request an instruction's id came from.
 */
public final class SymbolicSymbols implements KernelSymbols {
  public static final int FIRST_ID = 100_000;
  public static final long FIRST_ADDRESS = 0xffffffff81000000L;

  private final Map<String, Integer> ids = new HashMap<>(); // lookups only
  private final Map<String, Long> addresses = new HashMap<>();

  @Override
  public long btfFindByNameKind(String name, int btfKind) {
    return ids.computeIfAbsent(btfKind + ":" + name, k -> FIRST_ID + ids.size());
  }

  @Override
  public long kallsymsLookupName(String name) {
    return addresses.computeIfAbsent(name, k -> FIRST_ADDRESS + 16L * addresses.size());
  }
}
