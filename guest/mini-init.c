// SPDX-License-Identifier: GPL-2.0
/*
 * /init for guests that have no static busybox of their architecture
 * (i386, armhf, arm64, ppc64le): it runs the scenario "boot" (guest/scenarios/boot.sh
 * describes it) without a shell.  The built-in KUnit suite has already
 * checked the boot-time ground truth on the console; this runs the
 * kselftest into a result document, shows the numbers, and ends QEMU with
 * the kselftest's status (isa-debug-exit on x86, power off elsewhere,
 * after the sentinel line the host looks for).
 *
 * The result port is the first of /dev/hvc0 (a virtio console, arm)
 * and /dev/ttyS1 (x86) that exists; on pseries (ppc64le) /dev/hvc1, the
 * second hypervisor console (hvc0 is the system console there).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
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

int main(void)
{
#if defined(__powerpc64__)
	static const char *const ports[] = { "/dev/hvc1" };
#else
	/* hvc0 first: an arm64 kernel with 8250 has ttyS1, backed by nothing */
	static const char *const ports[] = { "/dev/hvc0", "/dev/ttyS1" };
#endif
	char *const kselftest[] = { "/tests/page_metadata", NULL };
	FILE *res = NULL;
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
	printf("guest: running scenario boot (mini-init)\n");
	fflush(stdout);

	fprintf(res, "@@doc kselftest-page_metadata\n");
	fflush(res);
	rc = run(kselftest[0], kselftest, fileno(res));
	if (rc == 4)	/* KSFT_SKIP: skipped as a whole, its TAP says why */
		rc = 0;
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
	printf("GUEST-DONE scenario=boot rc=%d\n", rc);
	fflush(stdout);
	guest_exit(rc);
	return 0;
}
