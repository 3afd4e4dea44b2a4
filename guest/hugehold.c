// SPDX-License-Identifier: GPL-2.0
/*
 * hugehold: map and touch 2 MB HugeTLB pages on one NUMA node and hold them
 * until killed.  Pages the pool does not have free are allocated as surplus
 * pages (vm.nr_overcommit_hugepages) and freed again when the mapping goes.
 *
 *   hugehold NODE COUNT
 *
 * Prints "held COUNT" once every page is faulted in, or a reason and exits
 * with 1 when the mapping or a fault fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HUGE_2M (2UL << 20)
#define MPOL_BIND 2

int main(int argc, char **argv)
{
	unsigned long mask, count, i;
	char *p;
	int node;

	if (argc != 3) {
		fprintf(stderr, "usage: hugehold NODE COUNT\n");
		return 2;
	}
	node = atoi(argv[1]);
	count = strtoul(argv[2], NULL, 0);
	mask = 1UL << node;
	/* Faults allocate on NODE only (no libnuma in the guest). */
	if (syscall(SYS_set_mempolicy, MPOL_BIND, &mask, sizeof(mask) * 8)) {
		printf("set_mempolicy node %d: %s\n", node, strerror(errno));
		return 1;
	}
	/* A fault that finds no page kills us with SIGBUS: the caller sees it. */
	p = mmap(NULL, count * HUGE_2M, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (p == MAP_FAILED) {
		printf("mmap %lu x 2 MB: %s\n", count, strerror(errno));
		return 1;
	}
	for (i = 0; i < count; i++)
		p[i * HUGE_2M] = 1;
	printf("held %lu\n", count);
	fflush(stdout);
	for (;;)
		pause();
}
