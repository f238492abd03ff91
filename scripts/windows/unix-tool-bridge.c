/* A test-harness bridge for Wine ONLY — never shipped. Some tests read what Kiroku wrote back
 * with Linux tools (poppler's pdftotext, pdfinfo, pdffonts and pdfimages for the printed forms, sqlite3 to
 * prove it cannot open a vault). Under Wine a Windows program can start a Unix program but gets
 * no handle to wait on, so scripts/test-windows.sh builds this file as pdftotext.exe,
 * pdfinfo.exe, pdffonts.exe, pdfimages.exe and sqlite3.exe into a folder on the Wine PATH: it turns Windows
 * paths among its arguments into Unix paths, runs /usr/bin/<its own name> through a small shell
 * script that writes the output and the exit status into files, waits for them, and passes them
 * on. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

typedef char *(CDECL *to_unix_fn)(const WCHAR *);

static void quote(FILE *f, const char *s) {
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputs("'\\''", f);
        else fputc(*s, f);
    }
    fputc('\'', f);
}

static char *utf8(const WCHAR *w) {
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = malloc(n);
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

static int copy_out(const WCHAR *path, HANDLE to) {
    FILE *f = _wfopen(path, L"rb");
    char buf[65536];
    size_t n;
    DWORD written;
    if (!f) return 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) WriteFile(to, buf, (DWORD)n, &written, NULL);
    fclose(f);
    return 1;
}

int wmain(int argc, WCHAR **argv) {
    to_unix_fn to_unix = (to_unix_fn)GetProcAddress(GetModuleHandleW(L"kernel32"), "wine_get_unix_file_name");
    WCHAR self[MAX_PATH], dir[MAX_PATH], script[MAX_PATH], file[MAX_PATH], cmd[MAX_PATH * 4];
    char tool[MAX_PATH], *unix_dir, *dot;
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    FILE *f;
    int rc = 127, i;

    if (!to_unix) { fputs("unix-tool-bridge: not running under Wine\n", stderr); return 127; }
    GetModuleFileNameW(NULL, self, MAX_PATH);
    snprintf(tool, sizeof tool, "%s", utf8(wcsrchr(self, L'\\') + 1));
    if ((dot = strrchr(tool, '.'))) *dot = 0;

    GetTempPathW(MAX_PATH, dir);
    swprintf(dir + wcslen(dir), MAX_PATH - wcslen(dir), L"bridge-%lu-%lu", GetCurrentProcessId(), GetTickCount());
    CreateDirectoryW(dir, NULL);
    unix_dir = to_unix(dir);
    swprintf(script, MAX_PATH, L"%ls\\run.sh", dir);

    f = _wfopen(script, L"wb");
    fprintf(f, "#!/bin/sh\ncd '%s' || exit 127\n/usr/bin/%s", unix_dir, tool);
    for (i = 1; i < argc; i++) {
        const WCHAR *a = argv[i];
        int is_path = wcslen(a) > 2 && a[1] == L':' && (a[2] == L'\\' || a[2] == L'/');
        fputc(' ', f);
        quote(f, is_path ? to_unix(a) : utf8(a));
    }
    fprintf(f, " >out 2>err\necho $? >rc.tmp && mv rc.tmp rc\n");
    fclose(f);

    /* A Unix program started by a Windows one: Wine execs it, with the command line split
     * into argv, but gives no handle to wait on. */
    swprintf(cmd, MAX_PATH * 4, L"/bin/sh \"%hs/run.sh\"", unix_dir);
    if (!CreateProcessW(L"Z:\\bin\\sh", cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        fprintf(stderr, "unix-tool-bridge: cannot start /usr/bin/%s (%lu)\n", tool, GetLastError());
        return 127;
    }
    swprintf(file, MAX_PATH, L"%ls\\rc", dir);
    for (i = 0; i < 120000 / 20 && GetFileAttributesW(file) == INVALID_FILE_ATTRIBUTES; i++) Sleep(20);
    if ((f = _wfopen(file, L"rb"))) {
        if (fscanf(f, "%d", &rc) != 1) rc = 127;
        fclose(f);
    } else {
        fprintf(stderr, "unix-tool-bridge: /usr/bin/%s did not finish in 120 s\n", tool);
    }
    swprintf(file, MAX_PATH, L"%ls\\out", dir);
    copy_out(file, GetStdHandle(STD_OUTPUT_HANDLE));
    swprintf(file, MAX_PATH, L"%ls\\err", dir);
    copy_out(file, GetStdHandle(STD_ERROR_HANDLE));
    /* Leave nothing behind. */
    {
        const WCHAR *names[] = {L"run.sh", L"out", L"err", L"rc"};
        for (i = 0; i < 4; i++) {
            swprintf(file, MAX_PATH, L"%ls\\%ls", dir, names[i]);
            DeleteFileW(file);
        }
        RemoveDirectoryW(dir);
    }
    return rc;
}
