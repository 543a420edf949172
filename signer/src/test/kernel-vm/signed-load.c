/*
 * Kernel acceptance test for bpfsign signatures; runs as /init (PID 1) of a throwaway VM.
 *
 * Adds every DER file in /certs as an "asymmetric" key to a new keyring, then, for each case named in
 * /cases (one per line; a directory /<case> holding insns.bin, data.bin, sig.bin, excl_hash.bin,
 * ctx_size and optionally scheme and layout), performs the light-skeleton load sequence of the
 * case's kernel generation (file "scheme": "6.18", the default, or "7.3"), as bpfsign's runtime does:
 *   BPF_MAP_CREATE "__loader.map" (exclusive to the loader: excl_prog_hash),
 *   BPF_MAP_UPDATE_ELEM (the data blob), BPF_MAP_FREEZE,
 *   6.18 only: BPF_OBJ_GET_INFO_BY_FD (map hash, which the 6.18 loader's metadata check reads),
 *   BPF_PROG_LOAD (syscall program, sleepable, signature + keyring_id; 7.3: fd_array_cnt = 1),
 *   BPF_PROG_TEST_RUN.
 * A case directory holding "6.18" and "7.3" subdirectories instead is a dual artefact: the program
 * first probes which loader the kernel takes, exactly as bpfsign load does (KernelGeneration: may a
 * syscall program read its map's exclusivity field? yes: 6.18, EACCES: 7.3), then loads that one.
 * It prints one line per case:
 *   RESULT <case> loaded retval=<n>          the kernel accepted the signature; loader returned n
 *   ... progs=<p>                            with a layout file ("maps progs"): programs the loader created
 *   RESULT <case> picked=<scheme> ...        a dual artefact: the variant the probe picked, then as above
 *   RESULT <case> <step> errno=<n>           a step failed
 * then powers the VM off.
 *
 * The attribute layouts are written out here (not taken from <linux/bpf.h>) because the build
 * host's headers may predate the signing fields.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

enum {
  CMD_MAP_CREATE = 0,
  CMD_MAP_UPDATE_ELEM = 2,
  CMD_PROG_LOAD = 5,
  CMD_PROG_TEST_RUN = 10,
  CMD_OBJ_GET_INFO_BY_FD = 15,
  CMD_MAP_FREEZE = 22,
  MAP_TYPE_ARRAY = 2,
  PROG_TYPE_SYSCALL = 31,
  PROG_FLAG_SLEEPABLE = 1 << 4,
  SPEC_USER_KEYRING = -4,
};

/* BPF_MAP_CREATE up to excl_prog_hash_size (92 bytes). */
struct map_create_attr {
  uint32_t map_type, key_size, value_size, max_entries, map_flags, inner_map_fd, numa_node;
  char map_name[16];
  uint32_t map_ifindex, btf_fd, btf_key_type_id, btf_value_type_id, btf_vmlinux_value_type_id;
  uint64_t map_extra;
  int32_t value_type_btf_obj_fd, map_token_fd;
  uint64_t excl_prog_hash;
  uint32_t excl_prog_hash_size;
};

struct map_elem_attr {
  uint32_t map_fd, pad;
  uint64_t key, value, flags;
};

struct info_attr {
  uint32_t fd, info_len;
  uint64_t info;
};

/* struct bpf_map_info up to hash_size. */
struct map_info {
  uint32_t type, id, key_size, value_size, max_entries, map_flags;
  char name[16];
  uint32_t ifindex, btf_vmlinux_value_type_id;
  uint64_t netns_dev, netns_ino;
  uint32_t btf_id, btf_key_type_id, btf_value_type_id, btf_vmlinux_id;
  uint64_t map_extra, hash;
  uint32_t hash_size;
};

/* BPF_PROG_LOAD up to keyring_id (168 bytes). */
struct prog_load_attr {
  uint32_t prog_type, insn_cnt;
  uint64_t insns, license;
  uint32_t log_level, log_size;
  uint64_t log_buf;
  uint32_t kern_version, prog_flags;
  char prog_name[16];
  uint32_t prog_ifindex, expected_attach_type, prog_btf_fd, func_info_rec_size;
  uint64_t func_info;
  uint32_t func_info_cnt, line_info_rec_size;
  uint64_t line_info;
  uint32_t line_info_cnt, attach_btf_id, attach_prog_fd, core_relo_cnt;
  uint64_t fd_array, core_relos;
  uint32_t core_relo_rec_size, log_true_size;
  int32_t prog_token_fd;
  uint32_t fd_array_cnt;
  uint64_t signature;
  uint32_t signature_size;
  int32_t keyring_id;
};

struct test_run_attr {
  uint32_t prog_fd, retval, data_size_in, data_size_out;
  uint64_t data_in, data_out;
  uint32_t repeat, duration, ctx_size_in, ctx_size_out;
  uint64_t ctx_in, ctx_out;
  uint32_t flags, cpu, batch_size, pad;
};

_Static_assert(offsetof(struct map_create_attr, excl_prog_hash_size) == 88, "map create layout");
_Static_assert(offsetof(struct map_info, hash) == 88, "map info layout");
_Static_assert(offsetof(struct prog_load_attr, fd_array) == 120, "prog load layout");
_Static_assert(offsetof(struct prog_load_attr, keyring_id) == 164, "prog load layout");
_Static_assert(offsetof(struct test_run_attr, ctx_in) == 48, "test run layout");

struct blob {
  unsigned char *bytes;
  size_t size;
};

static long sys_bpf(int cmd, void *attr, unsigned size) {
  return syscall(SYS_bpf, cmd, attr, size);
}

static int read_file(const char *path, struct blob *out) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) < 0) { close(fd); return -1; }
  out->size = (size_t)st.st_size;
  out->bytes = malloc(out->size ? out->size : 1);
  size_t done = 0;
  while (done < out->size) {
    ssize_t n = read(fd, out->bytes + done, out->size - done);
    if (n <= 0) { close(fd); return -1; }
    done += (size_t)n;
  }
  close(fd);
  return 0;
}

static void console(void) {
  int fd = open("/dev/console", O_RDWR | O_NOCTTY);
  if (fd < 0) {
    mkdir("/dev", 0755);
    mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
    fd = open("/dev/console", O_RDWR | O_NOCTTY);
  }
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
  }
  setvbuf(stdout, NULL, _IONBF, 0);
}

/*
 * Which loader this kernel takes, found by behaviour as bpfsign's KernelGeneration does: load
 * r1 = map[fd_array 0]; r2 = *(u32 *)(r1 + 32); r0 = 0; exit (the 6.18 metadata check's first
 * read) unsigned against a throwaway array map. Returns "6.18", "7.3", or NULL (errno set).
 */
static const char *probe_generation(void) {
  static const uint64_t insns[] = {
    0x0000000000005118ULL, 0, /* ld_imm64 r1, BPF_PSEUDO_MAP_IDX 0 */
    0x0000000000201261ULL,    /* ldx w r2, [r1 + 32] */
    0x00000000000000b7ULL,    /* r0 = 0 */
    0x0000000000000095ULL,    /* exit */
  };
  struct map_create_attr mc;
  memset(&mc, 0, sizeof mc);
  mc.map_type = MAP_TYPE_ARRAY;
  mc.key_size = 4;
  mc.value_size = 8;
  mc.max_entries = 1;
  int map_fd = (int)sys_bpf(CMD_MAP_CREATE, &mc, offsetof(struct map_create_attr, map_extra));
  if (map_fd < 0) return NULL;
  struct prog_load_attr pl;
  memset(&pl, 0, sizeof pl);
  pl.prog_type = PROG_TYPE_SYSCALL;
  pl.insns = (uint64_t)(uintptr_t)insns;
  pl.insn_cnt = sizeof insns / 8;
  pl.license = (uint64_t)(uintptr_t)"GPL";
  pl.prog_flags = PROG_FLAG_SLEEPABLE;
  pl.fd_array = (uint64_t)(uintptr_t)&map_fd;
  int prog_fd = (int)sys_bpf(CMD_PROG_LOAD, &pl, sizeof pl);
  int err = errno;
  close(map_fd);
  if (prog_fd >= 0) {
    close(prog_fd);
    return "6.18";
  }
  errno = err;
  return err == EACCES ? "7.3" : NULL;
}

static void run_case(const char *name, int32_t keyring) {
  char path[256];
  char dir[128];
  const char *prefix = "";
  snprintf(dir, sizeof dir, "/%s", name);
  struct stat st;
  snprintf(path, sizeof path, "/%s/6.18", name);
  if (stat(path, &st) == 0) { /* a dual artefact: the kernel's behaviour picks the variant */
    const char *scheme = probe_generation();
    if (!scheme) {
      printf("RESULT %s probe errno=%d\n", name, errno);
      return;
    }
    snprintf(dir, sizeof dir, "/%s/%s", name, scheme);
    static char picked[32];
    snprintf(picked, sizeof picked, "picked=%s ", scheme);
    prefix = picked;
  }
  struct blob insns, data, sig, excl, ctxsz, scheme, layout;
  const char *parts[] = {"insns.bin", "data.bin", "sig.bin", "excl_hash.bin", "ctx_size"};
  struct blob *blobs[] = {&insns, &data, &sig, &excl, &ctxsz};
  for (int i = 0; i < 5; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, parts[i]);
    if (read_file(path, blobs[i]) < 0) {
      printf("RESULT %s read-%s errno=%d\n", name, parts[i], errno);
      return;
    }
  }
  snprintf(path, sizeof path, "%s/scheme", dir);
  int folded = read_file(path, &scheme) == 0 && scheme.size >= 3 && memcmp(scheme.bytes, "7.3", 3) == 0;
  snprintf(path, sizeof path, "%s/layout", dir);
  int nr_maps = -1, nr_progs = -1;
  if (read_file(path, &layout) == 0) {
    char *text = realloc(layout.bytes, layout.size + 1);
    text[layout.size] = '\0';
    char *end;
    nr_maps = (int)strtol(text, &end, 10);
    nr_progs = (int)strtol(end, NULL, 10);
  }
  uint32_t ctx_size = (uint32_t)strtoul((const char *)ctxsz.bytes, NULL, 10);

  struct map_create_attr mc;
  memset(&mc, 0, sizeof mc);
  mc.map_type = MAP_TYPE_ARRAY;
  mc.key_size = 4;
  mc.value_size = (uint32_t)data.size;
  mc.max_entries = 1;
  strncpy(mc.map_name, "__loader.map", sizeof mc.map_name - 1);
  mc.excl_prog_hash = (uint64_t)(uintptr_t)excl.bytes;
  mc.excl_prog_hash_size = (uint32_t)excl.size;
  int map_fd = (int)sys_bpf(CMD_MAP_CREATE, &mc, offsetof(struct map_create_attr, excl_prog_hash_size) + 4);
  if (map_fd < 0) { printf("RESULT %s map_create errno=%d\n", name, errno); return; }

  uint32_t key = 0;
  struct map_elem_attr up;
  memset(&up, 0, sizeof up);
  up.map_fd = (uint32_t)map_fd;
  up.key = (uint64_t)(uintptr_t)&key;
  up.value = (uint64_t)(uintptr_t)data.bytes;
  if (sys_bpf(CMD_MAP_UPDATE_ELEM, &up, sizeof up) < 0) { printf("RESULT %s map_update errno=%d\n", name, errno); return; }

  struct map_elem_attr fr;
  memset(&fr, 0, sizeof fr);
  fr.map_fd = (uint32_t)map_fd;
  if (sys_bpf(CMD_MAP_FREEZE, &fr, sizeof fr) < 0) { printf("RESULT %s map_freeze errno=%d\n", name, errno); return; }

  if (!folded) { /* the 6.18 loader's metadata check reads the hash the kernel caches here */
    unsigned char hash[32];
    struct map_info mi;
    memset(&mi, 0, sizeof mi);
    mi.hash = (uint64_t)(uintptr_t)hash;
    mi.hash_size = sizeof hash;
    struct info_attr ia = {.fd = (uint32_t)map_fd, .info_len = sizeof mi, .info = (uint64_t)(uintptr_t)&mi};
    if (sys_bpf(CMD_OBJ_GET_INFO_BY_FD, &ia, sizeof ia) < 0) { printf("RESULT %s map_hash errno=%d\n", name, errno); return; }
  }

  static const char license[] = "Dual BSD/GPL";
  struct prog_load_attr pl;
  memset(&pl, 0, sizeof pl);
  pl.prog_type = PROG_TYPE_SYSCALL;
  pl.insns = (uint64_t)(uintptr_t)insns.bytes;
  pl.insn_cnt = (uint32_t)(insns.size / 8);
  pl.license = (uint64_t)(uintptr_t)license;
  strncpy(pl.prog_name, "__loader.prog", sizeof pl.prog_name - 1);
  pl.fd_array = (uint64_t)(uintptr_t)&map_fd;
  pl.prog_flags = PROG_FLAG_SLEEPABLE;
  pl.signature = (uint64_t)(uintptr_t)sig.bytes;
  pl.signature_size = (uint32_t)sig.size;
  pl.keyring_id = keyring;
  pl.fd_array_cnt = folded ? 1 : 0; /* 7.3: the kernel folds the map's value into the signed bytes */
  int prog_fd = (int)sys_bpf(CMD_PROG_LOAD, &pl, sizeof pl);
  if (prog_fd < 0) { printf("RESULT %s %sprog_load errno=%d\n", name, prefix, errno); return; }

  unsigned char *ctx = calloc(1, ctx_size);
  memcpy(ctx, &ctx_size, sizeof ctx_size); /* struct bpf_loader_ctx.sz */
  struct test_run_attr tr;
  memset(&tr, 0, sizeof tr);
  tr.prog_fd = (uint32_t)prog_fd;
  tr.ctx_in = (uint64_t)(uintptr_t)ctx;
  tr.ctx_size_in = ctx_size;
  if (sys_bpf(CMD_PROG_TEST_RUN, &tr, offsetof(struct test_run_attr, batch_size) + 4) < 0) {
    printf("RESULT %s prog_run errno=%d\n", name, errno);
    return;
  }
  if (nr_progs < 0) {
    printf("RESULT %s %sloaded retval=%d\n", name, prefix, (int32_t)tr.retval);
    return;
  }
  int created = 0; /* bpf_prog_desc.prog_fd after the 24-byte ctx header and 16-byte map descs */
  for (int i = 0; i < nr_progs; i++) {
    int32_t fd;
    memcpy(&fd, ctx + 24 + 16 * nr_maps + 4 * i, sizeof fd);
    if (fd > 0) created++;
  }
  printf("RESULT %s %sloaded retval=%d progs=%d\n", name, prefix, (int32_t)tr.retval, created);
}

static long add_certificates(long keyring) {
  DIR *dir = opendir("/certs");
  if (!dir) return -1;
  long added = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    char path[300];
    struct blob cert;
    snprintf(path, sizeof path, "/certs/%s", entry->d_name);
    if (read_file(path, &cert) < 0) return -1;
    if (syscall(SYS_add_key, "asymmetric", entry->d_name, cert.bytes, cert.size, keyring) < 0) {
      printf("RESULT setup add_key-%s errno=%d\n", entry->d_name, errno);
      return -1;
    }
    added++;
  }
  closedir(dir);
  return added;
}

int main(void) {
  console();
  printf("bpfsign kernel test: start\n");
  long keyring = syscall(SYS_add_key, "keyring", "bpfsign-test", NULL, 0, SPEC_USER_KEYRING);
  struct blob cases;
  if (keyring < 0) {
    printf("RESULT setup keyring errno=%d\n", errno);
  } else if (add_certificates(keyring) <= 0) {
    printf("RESULT setup certificates errno=%d\n", errno);
  } else if (read_file("/cases", &cases) < 0) {
    printf("RESULT setup cases errno=%d\n", errno);
  } else {
    char *list = realloc(cases.bytes, cases.size + 1);
    list[cases.size] = '\0';
    for (char *save = NULL, *name = strtok_r(list, "\n", &save); name; name = strtok_r(NULL, "\n", &save)) {
      run_case(name, (int32_t)keyring);
    }
  }
  printf("bpfsign kernel test: done\n");
  sync();
  reboot(RB_POWER_OFF);
  return 0;
}
