#@config i386-flatmem i386-sparse armhf arm64 ppc64le
#@mem 1G
#@numa 512M,512M
#@append page_owner=on
#@timeout 180
# The boot-time checks, for kernels whose guests have no static busybox of
# their architecture: those boot guest/mini-init.c as /init, which does
# what this script does.  The KUnit suite is built in, so the ground truth
# is checked at boot, on the console, but on ppc64le, where it is a
# module that mini-init loads first (as kunit_module does); then the
# kselftest runs.
run_kselftest kselftest-page_metadata /tests/page_metadata
grep PageMetadata /proc/meminfo
grep nr_memmap /proc/vmstat
# and each node's share
grep -H nr_memmap /sys/devices/system/node/node*/vmstat
