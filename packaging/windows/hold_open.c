/*
 * TESTS ONLY - never shipped in the zip.
 *
 * Opens a file the way Excel holds an open workbook against replacement: no sharing at all
 * (dwShareMode = 0), so other processes can neither write, delete nor rename over it. Prints
 * "locked" on stdout once the handle is open, then keeps it until its standard input closes.
 * Exit code 0 after closing, 1 when the file could not be opened.
 *
 *   x86_64-w64-mingw32-gcc -O2 -s -municode -o hold_open.exe hold_open.c
 *   hold_open.exe <file>
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hold_open FILE\n");
        return 1;
    }
    HANDLE file = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold_open: cannot open (error %lu)\n", GetLastError());
        return 1;
    }
    printf("locked\n");
    fflush(stdout);
    char buf[256];
    DWORD got;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    while (ReadFile(in, buf, sizeof buf, &got, NULL) && got > 0) {
    }
    CloseHandle(file);
    return 0;
}
