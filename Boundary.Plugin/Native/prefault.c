/*
 * Linked into the native (AOT) build for Linux only; measured in docs/performance.md, item 21.
 *
 * Before Main, the native runtime unpacks the program's type data (about 4.5 MB) into the zero-filled part
 * of the binary's writable segment. Touched one page at a time, that is over a thousand page faults on
 * every start, and on virtual machines each fault costs far more than the copy. This constructor runs
 * before the runtime does and asks the kernel for the whole range at once: as transparent huge pages
 * where the machine allows them for ranges that ask (MADV_HUGEPAGE), and filled in one call
 * (MADV_POPULATE_WRITE, Linux 5.14). Both are only advice: a kernel that refuses either leaves the
 * program exactly as it was, and nothing here can fail the start.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int prefault_zero_filled_segment(struct dl_phdr_info *info, size_t size, void *page_size)
{
    (void)size;
    /* The first object reported is the program itself; shared libraries are left alone. */
    const uintptr_t page = (uintptr_t)page_size;
    for (int k = 0; k < info->dlpi_phnum; k++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[k];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W) || segment->p_memsz <= segment->p_filesz)
            continue;
        /* Only whole pages past the file's bytes: the page holding the end of the file's data is not ours
           to populate. */
        uintptr_t start = info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
        uintptr_t end = info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        start = (start + page - 1) & ~(page - 1);
        end = (end + page - 1) & ~(page - 1);
        if (end <= start)
            continue;
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
        (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
    }
    return 1;
}

__attribute__((constructor)) static void prefault_type_data(void)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    dl_iterate_phdr(prefault_zero_filled_segment, (void *)(uintptr_t)page);
}
