// SPDX-License-Identifier: GPL-2.0
/*
 * Timing helper for the overhead benchmark (make bench), run in the guest.
 * Times are taken inside the guest with clock_gettime() and printed in
 * nanoseconds.
 *
 *   bench-time boot               CLOCK_BOOTTIME now: time since the kernel
 *                                 started its clock
 *   bench-time now                CLOCK_MONOTONIC now
 *   bench-time write FILE VALUE   time to write VALUE into FILE
 *   bench-time wait-meminfo KEY KB
 *                                 poll /proc/meminfo (every 100 us) until
 *                                 KEY is KB; prints CLOCK_MONOTONIC then
 *   bench-time wait-blocks N      poll /sys/devices/system/memory (every
 *                                 100 us) until it has N memory blocks;
 *                                 prints CLOCK_MONOTONIC then
 *   bench-time faults MB ROUNDS   time to fault in and unmap MB of
 *                                 anonymous memory, ROUNDS times: page
 *                                 allocator and page fault paths only
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, len) && line[len] == ':') {
			kb = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kb;
}

static int memory_blocks(void)
{
	DIR *d = opendir("/sys/devices/system/memory");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "memory", 6) && e->d_name[6] >= '0' &&
		    e->d_name[6] <= '9')
			n++;
	closedir(d);
	return n;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench-time boot | now | write FILE VALUE | "
		"wait-meminfo KEY KB | wait-blocks N | faults MB ROUNDS\n");
	return 2;
}

int main(int argc, char **argv)
{
	long long t0;

	if (argc == 2 && !strcmp(argv[1], "boot")) {
		printf("%lld\n", ns(CLOCK_BOOTTIME));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%lld\n", ns(CLOCK_MONOTONIC));
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "write")) {
		size_t len = strlen(argv[3]);
		int fd = open(argv[2], O_WRONLY);
		ssize_t n;

		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		t0 = ns(CLOCK_MONOTONIC);
		n = write(fd, argv[3], len);
		t0 = ns(CLOCK_MONOTONIC) - t0;
		close(fd);
		if (n != (ssize_t)len) {
			perror(argv[2]);
			return 1;
		}
		printf("%lld\n", t0);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "wait-meminfo")) {
		long want = strtol(argv[3], NULL, 10);
		long long deadline = ns(CLOCK_MONOTONIC) + 120000000000LL;

		while (meminfo_kb(argv[2]) != want) {
			if (ns(CLOCK_MONOTONIC) > deadline) {
				fprintf(stderr, "%s never reached %ld kB\n",
					argv[2], want);
				return 1;
			}
			usleep(100);
		}
		printf("%lld\n", ns(CLOCK_MONOTONIC));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "wait-blocks")) {
		int want = atoi(argv[2]);
		long long deadline = ns(CLOCK_MONOTONIC) + 120000000000LL;

		while (memory_blocks() != want) {
			if (ns(CLOCK_MONOTONIC) > deadline) {
				fprintf(stderr, "never %d memory blocks\n", want);
				return 1;
			}
			usleep(100);
		}
		printf("%lld\n", ns(CLOCK_MONOTONIC));
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "faults")) {
		size_t size = strtoul(argv[2], NULL, 10) << 20;
		long page = sysconf(_SC_PAGESIZE);
		int rounds = atoi(argv[3]);

		t0 = ns(CLOCK_MONOTONIC);
		for (int r = 0; r < rounds; r++) {
			char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED) {
				perror("mmap");
				return 1;
			}
			/* no THP: one page allocation per fault */
			madvise(p, size, MADV_NOHUGEPAGE);
			for (size_t off = 0; off < size; off += page)
				p[off] = 1;
			munmap(p, size);
		}
		printf("%lld\n", ns(CLOCK_MONOTONIC) - t0);
		return 0;
	}
	return usage();
}
