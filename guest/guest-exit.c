// SPDX-License-Identifier: GPL-2.0
/*
 * guest-exit: end the QEMU guest with a status the host can read.
 *
 * Writes the status byte to the isa-debug-exit port (0xf4) through
 * /dev/port; QEMU then exits with (status << 1) | 1.  If the device is
 * missing, powers off instead, which the host reads as a failure.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned char status = argc > 1 ? (unsigned char)atoi(argv[1]) : 0;
	int fd;

	sync();
	fd = open("/dev/port", O_WRONLY);
	if (fd < 0 || lseek(fd, 0xf4, SEEK_SET) != 0xf4 ||
	    write(fd, &status, 1) != 1)
		perror("guest-exit: /dev/port");
	reboot(RB_POWER_OFF);
	return 1;
}
