package dev.bpfsign.loader.obj;

/**
 * A CO-RE relocation record ({@code struct bpf_core_relo}) as the kernel takes it: {@code
 * insnOff} in bytes from the loaded program's start; the verifier resolves it at load time.
 */
public record CoreRelo(int insnOff, int typeId, int accessStrOff, int kind) {
  public static final int SIZE = 16;
}
