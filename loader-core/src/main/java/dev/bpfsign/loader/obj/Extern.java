package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.btf.BtfExtern;

/**
 * An extern the object references, as collected with its BTF ({@link BtfExtern}), plus the value
 * it is given when the object is prepared ({@code extern_desc.is_set}, {@code ksym.addr}).
 */
final class Extern {
  final BtfExtern desc;
  final String name;
  final boolean weak;
  long ksymAddr;
  boolean isSet;

  Extern(BtfExtern desc) {
    this.desc = desc;
    this.name = desc.name();
    this.weak = desc.weak();
  }

  boolean isKconfig() {
    return desc.kind() == BtfExtern.Kind.KCONFIG;
  }

  boolean isTypelessKsym() {
    return !isKconfig() && desc.ksymTypeId() == 0;
  }
}
