// SPDX-License-Identifier: GPL-2.0
/*
 * /init for guests that have no static busybox of their architecture
 * (i386, armhf, arm64, ppc64le): it runs the scenario "boot" (guest/scenarios/boot.sh
 * describes it) without a shell.  A built-in KUnit suite has already
 * checked the boot-time ground truth on the console; a suite built as a
 * module (ppc64le) is loaded first, its KTAP put into a result document.
 * Then this runs the kselftest into a result document, shows the
 * numbers, and ends QEMU with the kselftest's status (isa-debug-exit on
 * x86, power off elsewhere, after the sentinel line the host looks for).
 *
 * The result port is the first of /dev/hvc0 (a virtio console, arm)
 * and /dev/ttyS1 (x86) that exists; on pseries (ppc64le) /dev/hvc1, the
 * second hypervisor console (hvc0 is the system console there).
 *
 * On pseries, the scenario dimm-in-block (guest/scenarios/dimm-in-block.sh)
 * also asks the host, on /dev/hvc2, to hot-add and hot-remove a DIMM, and
 * loads the KUnit module again after each (a built-in suite cannot run
 * again on 6.1, which has no debugfs "run" file).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#if defined(__i386__) || defined(__x86_64__)
#include <sys/io.h>
#endif

static void copy_lines(const char *path, const char *prefix, FILE *to)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, prefix))
			fprintf(to, "# %s: %s", path, line);
	fclose(f);
}

/* The number after "NAME " in FILE, or -1. */
static long read_value(const char *path, const char *name)
{
	char line[256];
	size_t n = strlen(name);
	long v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ' ')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

static long node_value(int nid, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/vmstat",
		 nid);
	return read_value(path, name);
}

static int run(const char *prog, char *const argv[], int out)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		dup2(out, 1);
		dup2(out, 2);
		execv(prog, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static void guest_exit(int rc)
{
#if defined(__i386__) || defined(__x86_64__)
	/* isa-debug-exit at 0xf4: QEMU exits with (status << 1) | 1 */
	if (ioperm(0xf4, 1, 1) == 0)
		outb((unsigned char)rc, 0xf4);
#endif
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static int checks, failed;

static void check(FILE *res, const char *what, long expected, long seen)
{
	checks++;
	if (expected != seen)
		failed++;
	fprintf(res, "%sok %d - %s: expected %ld, got %ld\n",
		expected == seen ? "" : "not ", checks, what, expected, seen);
}

/*
 * Ask the host for a hotplug operation (scripts/qemu_run.py) on the host
 * channel, raw and without echo, kept open: 0 if it answers "ok".
 */
static int host_request(const char *request)
{
	static int fd = -1;
	char answer[128];
	size_t n = 0;

	if (fd < 0) {
		struct termios t;

		fd = open("/dev/hvc2", O_RDWR | O_NOCTTY);
		if (fd < 0)
			return -1;
		if (tcgetattr(fd, &t) == 0) {
			cfmakeraw(&t);
			tcsetattr(fd, TCSANOW, &t);
		}
	}
	dprintf(fd, "@@host %s\n", request);
	while (n < sizeof(answer) - 1 && read(fd, answer + n, 1) == 1 &&
	       answer[n] != '\n')
		n++;
	answer[n] = 0;
	printf("guest: host %s: %s\n", request, answer);
	return strncmp(answer, "ok", 2) ? -1 : 0;
}

/* The KUnit test module of this kernel, if it has one. */
static const char *kunit_module_path(void)
{
	static char path[160];
	struct utsname u;

	if (uname(&u))
		return NULL;
	snprintf(path, sizeof(path),
		 "/lib/modules/%s/kernel/mm/page_metadata_kunit.ko", u.release);
	return access(path, R_OK) == 0 ? path : NULL;
}

/*
 * Load the KUnit test module, put the KTAP it printed into the result
 * document DOC, and unload it again (guest/lib.sh's kunit_module).
 */
static void kunit_module(FILE *res, const char *doc)
{
	static char log[1 << 16];
	const char *path = kunit_module_path();
	int fd, n;

	fprintf(res, "@@doc %s\n", doc);
	klogctl(5, NULL, 0);			/* SYSLOG_ACTION_CLEAR */
	fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		fprintf(res, "TAP version 13\n1..1\nnot ok 1 - %s # could not load the module\n",
			path ? path : "page_metadata_kunit.ko");
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	n = klogctl(4, log, sizeof(log));	/* SYSLOG_ACTION_READ_CLEAR */
	if (n > 0)
		fwrite(log, 1, n, res);
	fflush(res);
	syscall(SYS_delete_module, "page_metadata_kunit", O_NONBLOCK);
}

/* Wait up to @seconds for @path to exist (@present) or be gone. */
static int wait_path(const char *path, int present, int seconds)
{
	while (seconds-- > 0) {
		if ((access(path, F_OK) == 0) == present)
			return 0;
		sleep(1);
	}
	return -1;
}

/*
 * dimm-in-block: the layout and the numbers are those of
 * guest/scenarios/dimm-in-block.sh.  A 256 MB DIMM on node 1 lands at
 * 1 GB, in sections 64-79, whose memmap is 4 pages (16-19) of the 2 MB
 * vmemmap block that boot mapped for sections 0-127: adding it allocates
 * nothing and moves those 4 pages from node 0 (the block's first) to
 * node 1; removing it moves them back.  pseries onlines the DIMM, and
 * page_owner=on gives each of its 16 sections a page_ext table of one
 * 64 KB page (256 entries), in nr_memmap_pages until it goes.
 */
#define DIMM_CHECKS 8

static void dimm_in_block(FILE *res)
{
	static const char block[] = "/sys/devices/system/memory/memory4";
	long boot0 = node_value(0, "nr_memmap_boot_pages");
	long boot1 = node_value(1, "nr_memmap_boot_pages");
	long other = read_value("/proc/vmstat", "nr_memmap_pages");

	/* the plan first: kunit.py's parser does not take one at the end */
	fprintf(res, "@@doc dimm-in-block\nTAP version 13\n1..%d\n",
		DIMM_CHECKS);
	check(res, "boot: node 0 nr_memmap_boot_pages", 24, boot0);
	check(res, "boot: node 1 nr_memmap_boot_pages", 8, boot1);

	if (host_request("hotadd d1 1 256M") || wait_path(block, 1, 120)) {
		check(res, "hot-add of a 256 MB DIMM on node 1", 0, 1);
		goto out;
	}
	check(res, "hot-add: node 0 nr_memmap_boot_pages (4 block pages to node 1)",
	      boot0 - 4, node_value(0, "nr_memmap_boot_pages"));
	check(res, "hot-add: node 1 nr_memmap_boot_pages",
	      boot1 + 4, node_value(1, "nr_memmap_boot_pages"));
	check(res, "hot-add: nr_memmap_pages, only the page_ext of 16 sections",
	      other + 16, read_value("/proc/vmstat", "nr_memmap_pages"));
	kunit_module(res, "kunit-after-hotadd");

	if (host_request("hotremove d1") || wait_path(block, 0, 120)) {
		fprintf(res, "@@doc dimm-in-block\n");
		check(res, "hot-remove of the DIMM", 0, 1);
		goto out;
	}
	fprintf(res, "@@doc dimm-in-block\n");
	check(res, "hot-remove: node 0 nr_memmap_boot_pages", boot0,
	      node_value(0, "nr_memmap_boot_pages"));
	check(res, "hot-remove: node 1 nr_memmap_boot_pages", boot1,
	      node_value(1, "nr_memmap_boot_pages"));
	check(res, "hot-remove: nr_memmap_pages, the page_ext gone", other,
	      read_value("/proc/vmstat", "nr_memmap_pages"));
	kunit_module(res, "kunit-after-hotremove");
out:
	fprintf(res, "@@doc dimm-in-block\n");
	while (checks < DIMM_CHECKS)
		check(res, "not reached", 0, 1);
}

int main(void)
{
#if defined(__powerpc64__)
	static const char *const ports[] = { "/dev/hvc1" };
#else
	/* hvc0 first: an arm64 kernel with 8250 has ttyS1, backed by nothing */
	static const char *const ports[] = { "/dev/hvc0", "/dev/ttyS1" };
#endif
	char *const kselftest[] = { "/tests/page_metadata", NULL };
	char line[1024] = "";
	FILE *res = NULL, *cmdline;
	unsigned int i;
	int rc;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);

	for (i = 0; i < sizeof(ports) / sizeof(ports[0]) && !res; i++)
		if (access(ports[i], W_OK) == 0)
			res = fopen(ports[i], "w");
	if (!res) {
		printf("GUEST-DONE scenario=boot rc=2 (no result port)\n");
		fflush(stdout);
		guest_exit(2);
	}
	setvbuf(res, NULL, _IOLBF, 0);
	cmdline = fopen("/proc/cmdline", "r");
	if (cmdline) {
		if (!fgets(line, sizeof(line), cmdline))
			line[0] = 0;
		fclose(cmdline);
	}
	/* the boot-time ground truth, where the suite is a module */
	if (kunit_module_path())
		kunit_module(res, "kunit-boot");
	if (strstr(line, "series.scenario=dimm-in-block ")) {
		printf("guest: running scenario dimm-in-block (mini-init)\n");
		fflush(stdout);
		dimm_in_block(res);
		rc = failed ? 1 : 0;
	} else {
		printf("guest: running scenario boot (mini-init)\n");
		fflush(stdout);
		fprintf(res, "@@doc kselftest-page_metadata\n");
		fflush(res);
		rc = run(kselftest[0], kselftest, fileno(res));
		if (rc == 4)	/* KSFT_SKIP: skipped as a whole, its TAP says why */
			rc = 0;
	}
	copy_lines("/proc/meminfo", "PageMetadata", stdout);
	copy_lines("/proc/vmstat", "nr_memmap", stdout);
	/* and each node's share (the boot layouts' nodes are 0, 1, ...) */
	for (i = 0;; i++) {
		char path[64];

		snprintf(path, sizeof(path),
			 "/sys/devices/system/node/node%u/vmstat", i);
		if (access(path, R_OK) != 0)
			break;
		copy_lines(path, "nr_memmap", stdout);
	}
	fflush(stdout);
	fclose(res);
	sync();
	printf("GUEST-DONE scenario=%s rc=%d\n",
	       strstr(line, "series.scenario=dimm-in-block ") ?
	       "dimm-in-block" : "boot", rc);
	fflush(stdout);
	guest_exit(rc);
	return 0;
}
