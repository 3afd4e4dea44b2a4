#@config x86_64 x86_64-debug
#@mem 4G
#@numa 1G,3G,0
#@append page_owner=on
#@timeout 300
#@qemu -cpu qemu64,+pdpe1gb
# The counters at boot and after HugeTLB allocation and memory
# offline/online, on two nodes and a memoryless one: the KUnit ground
# truth, then the kselftest, then the ground truth again.
kunit_module page_metadata_kunit kunit-boot
# page_ext entry with page_owner on x86-64: struct page_ext (8 bytes) and
# struct page_owner (56 bytes)
run_kselftest kselftest-page_metadata /tests/page_metadata -s 64 -e 64 -n 8
kunit_module page_metadata_kunit kunit-after-kselftest
