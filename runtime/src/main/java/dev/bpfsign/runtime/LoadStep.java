package dev.bpfsign.runtime;

/** The steps of the light-skeleton load sequence (kernel-signing.md §2.3), named as libbpf names them. */
public enum LoadStep {
  CREATE_LOADER_MAP("create the loader map"),
  WRITE_BLOB("write the data blob into the loader map"),
  FREEZE_LOADER_MAP("freeze the loader map"),
  HASH_LOADER_MAP("fetch the loader map's hash"),
  LOAD_LOADER("load the loader program"),
  RUN_LOADER("run the loader program"),
  LOADER_RESULT("the loader program's own work"),
  READ_BACK("read the created fds back from the ctx");

  private final String description;

  LoadStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
