package dev.bpfsign.loader.obj;

import java.util.Arrays;

/** A growable list of ints without boxing: .BTF.ext records while they are gathered. */
final class IntList {
  private int[] a = new int[16];
  private int n;

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
    }
    a[n++] = v;
  }

  int size() {
    return n;
  }

  int get(int i) {
    return a[i];
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
