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
 *
 * The Linux server is now published with IlcDehydrate=false as a non-PIE executable (ProxmoxMcp.Server.csproj): the
 * type data is stored ready to use in .data, read from the page cache, so there is no .hydrated section and no
 * DehydratedData row. Then the zero-filled tail is .bss alone (about 360 KiB) and the release below finds nothing to
 * give back; both stay correct for a build that dehydrates again (-p:IlcDehydrate=true).
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

/*
 * Native AOT's module headers (ReadyToRunHeader), one per module, listed in the __modules section. Each is followed by
 * rows {section id, flags, start, end}; section 207 (ReadyToRunSectionType.DehydratedData) is the compressed type data
 * that the runtime expanded into .hydrated before Main and never reads again.
 */
extern void *__start___modules[] __attribute__((weak));
extern void *__stop___modules[] __attribute__((weak));

struct ready_to_run_header {
    uint32_t signature; /* 0x00525452, "RTR" */
    uint16_t major_version;
    uint16_t minor_version;
    uint32_t flags;
    uint16_t number_of_sections;
    uint8_t entry_size;
    uint8_t entry_type;
};

struct module_info_row {
    int32_t section_id;
    int32_t flags;
    const uint8_t *start;
    const uint8_t *end;
};

#define READY_TO_RUN_SIGNATURE 0x00525452u
#define DEHYDRATED_DATA_SECTION 207

/*
 * Called from Main (Hosting/NativeStartup.cs): drops this process's mapping of the compressed type data, about 4 MiB of
 * the binary's read-only pages that were read once by the runtime's start-up. They are clean file pages, so nothing is
 * lost: a later read (none is expected) would map them again from the page cache. Lowers the resident set, not the CPU.
 */
void proxmox_mcp_release_dehydrated_data(void)
{
    const uintptr_t page = 4096;
    if (__start___modules == NULL || __stop___modules == NULL) {
        return;
    }

    for (void **module = __start___modules; module < __stop___modules; module++) {
        const struct ready_to_run_header *header = *module;
        if (header == NULL || header->signature != READY_TO_RUN_SIGNATURE || header->entry_size != sizeof(struct module_info_row)) {
            continue;
        }

        const struct module_info_row *rows = (const struct module_info_row *)(header + 1);
        for (uint16_t i = 0; i < header->number_of_sections; i++) {
            if (rows[i].section_id != DEHYDRATED_DATA_SECTION || rows[i].start == NULL || rows[i].end <= rows[i].start) {
                continue;
            }

            uintptr_t start = ((uintptr_t)rows[i].start + page - 1) & ~(page - 1);
            uintptr_t end = (uintptr_t)rows[i].end & ~(page - 1);
            if (end > start) {
                (void)madvise((void *)start, end - start, MADV_DONTNEED);
            }
        }
    }
}
