/*
 * TESTS ONLY - never shipped in the zip.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll,
 * which Windows 10 and later provide but Debian's wine 8.0 does not. scripts/test-windows.sh
 * builds this file into a bcryptprimitives.dll placed next to gyokaku.exe in its scratch
 * folder so that wine can run the exe. ProcessPrng fills the buffer from RtlGenRandom
 * (SystemFunction036 in advapi32), the documented older source of the same randomness.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll prng_shim.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
