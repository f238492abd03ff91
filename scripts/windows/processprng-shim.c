/* A test-harness shim for Wine 8.0 ONLY — never shipped, never put beside a released exe.
 * Rust's standard library (1.78+) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10/11 have and Wine 8.0 lacks (the program exits with
 * status 53). scripts/test-windows.sh builds this as bcryptprimitives.dll and puts it beside the
 * binaries it runs under Wine; it answers ProcessPrng with RtlGenRandom (SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
