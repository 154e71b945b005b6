// One-shot breakpoint tracer: every function entry of the patched binary holds int3; the first hit restores the byte and records the address.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <sys/user.h>
typedef struct { unsigned long addr; unsigned char orig; unsigned char done; } ent;
static ent *ents; static size_t n;
static int cmp(const void *a, const void *b) { unsigned long x = ((const ent *)a)->addr, y = ((const ent *)b)->addr; return x < y ? -1 : x > y; }
static ent *find(unsigned long a) { ent k = { a, 0, 0 }; return bsearch(&k, ents, n, sizeof(ent), cmp); }
int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: tracer MAP OUT BINARY [args]\n"); return 2; }
    FILE *m = fopen(argv[1], "r"); size_t cap = 1 << 17; ents = malloc(cap * sizeof(ent));
    unsigned long a; unsigned int o;
    while (fscanf(m, "%lx %x", &a, &o) == 2) { if (n == cap) ents = realloc(ents, (cap *= 2) * sizeof(ent)); ents[n].addr = a; ents[n].orig = o; ents[n].done = 0; n++; }
    fclose(m); qsort(ents, n, sizeof(ent), cmp);
    FILE *out = fopen(argv[2], "w");
    pid_t child = fork();
    if (child == 0) { ptrace(PTRACE_TRACEME, 0, 0, 0); raise(SIGSTOP); execv(argv[3], argv + 3); _exit(127); }
    int st; waitpid(child, &st, 0);
    ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
    ptrace(PTRACE_CONT, child, 0, 0);
    int alive = 1; long hits = 0;
    while (alive > 0) {
        pid_t p = waitpid(-1, &st, __WALL);
        if (p < 0) { if (errno == EINTR) continue; break; }
        if (WIFEXITED(st) || WIFSIGNALED(st)) { if (p == child) alive = 0; continue; }
        if (!WIFSTOPPED(st)) continue;
        int sig = WSTOPSIG(st), ev = st >> 16;
        if (sig == SIGTRAP && ev) { ptrace(PTRACE_CONT, p, 0, 0); continue; }
        if (sig == SIGTRAP) {
            struct user_regs_struct r; ptrace(PTRACE_GETREGS, p, 0, &r);
            ent *e = find(r.rip - 1);
            if (e) {
                if (!e->done) {
                    long w = ptrace(PTRACE_PEEKTEXT, p, (void *)e->addr, 0);
                    w = (w & ~0xffL) | e->orig;
                    ptrace(PTRACE_POKETEXT, p, (void *)e->addr, (void *)w);
                    e->done = 1; fprintf(out, "%lx\n", e->addr); hits++;
                }
                r.rip = e->addr; ptrace(PTRACE_SETREGS, p, 0, &r);
                ptrace(PTRACE_CONT, p, 0, 0); continue;
            }
            ptrace(PTRACE_CONT, p, 0, SIGTRAP); continue;
        }
        if (sig == SIGSTOP) { ptrace(PTRACE_CONT, p, 0, 0); continue; } // new threads start stopped
        ptrace(PTRACE_CONT, p, 0, sig);
    }
    fclose(out); fprintf(stderr, "tracer: %ld functions hit\n", hits);
    return 0;
}
