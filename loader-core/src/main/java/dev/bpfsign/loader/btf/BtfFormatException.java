package dev.bpfsign.loader.btf;

import dev.bpfsign.loader.BadInputException;

/**
 * BTF or BTF.ext that cannot be used: bad header, a type or string offset out of range, an
 * unknown kind, a reference loop. The message names the section and the type id or byte offset.
 */
public final class BtfFormatException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public BtfFormatException(String message) {
    super(message);
  }
}
