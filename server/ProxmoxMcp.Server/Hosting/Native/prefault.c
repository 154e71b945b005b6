/*
 * Linked into the Native AOT server (ProxmoxMcp.Server.csproj, Linux only). Runs before main, before the .NET runtime
 * starts.
 *
 * Native AOT keeps its type data compressed in the binary and expands it at every start into the zero-filled tail of
 * the writable segment (the .hydrated section, about 8 MiB). Touching those pages one by one costs one page fault per
 * 4 KiB, about 2,000 faults, and on a virtual machine a fault is expensive: that was most of the CPU before Main
 * (docs/perf-notes-startup.md). Here the tail is asked for as transparent huge pages where the kernel allows it
 * (MADV_HUGEPAGE; /sys/kernel/mm/transparent_hugepage/enabled "madvise" or "always") and populated in one system
 * call (MADV_POPULATE_WRITE, Linux 5.14+). Every failure is ignored: the runtime then faults the pages in itself, as
 * without this file. PROXMOX_MCP_PREFAULT=0 turns it off (for measuring).
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int prefault_main_program(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    const uintptr_t page = 4096;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W) || segment->p_memsz <= segment->p_filesz) {
            continue;
        }

        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz + page - 1) & ~(page - 1);
        if (end > start) {
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
            (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
        }
    }

    return 1; /* the first object is the main program: stop there */
}

__attribute__((constructor)) static void proxmox_mcp_prefault(void)
{
    const char *setting = getenv("PROXMOX_MCP_PREFAULT");
    if (setting != NULL && strcmp(setting, "0") == 0) {
        return;
    }

    dl_iterate_phdr(prefault_main_program, NULL);
}
