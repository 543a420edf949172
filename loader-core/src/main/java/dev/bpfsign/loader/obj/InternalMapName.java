package dev.bpfsign.loader.obj;

/**
 * The kernel name of an internal map ({@code internal_map_name}): as much of the object name as
 * fits in front of the section name within 15 characters, the suffix taking at least 7; custom
 * sections ({@code .data.foo}: a second dot) use the section name alone. Characters the kernel
 * refuses become {@code _}.
 */
final class InternalMapName {
  private static final int OBJ_NAME_LEN = 16;

  private InternalMapName() {}

  static String of(String objectName, String realName) {
    int sfxLen = Math.min(Math.max(7, realName.length()), OBJ_NAME_LEN - 1);
    int pfxLen = realName.indexOf('.', 1) >= 0 ? 0 : Math.min(OBJ_NAME_LEN - sfxLen - 1, objectName.length());
    String name = objectName.substring(0, pfxLen) + realName.substring(0, Math.min(sfxLen, realName.length()));
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
    }
    return out.toString();
  }
}
