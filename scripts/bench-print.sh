#!/usr/bin/env bash
# Benchmark (issue 6): the 運用状況記録票 of N events (default 10,000) printed by Kiroku against
# LibreOffice headless converting the same rows (CSV) to PDF, side by side in one run.
# - whole processes: `kiroku print` (which includes unlocking the vault: ~0.5 s and 128 MiB of
#   Argon2id by design) and `soffice --convert-to pdf`; wall time = median of RUNS runs, peak
#   memory = max RSS from /usr/bin/time;
# - in process: `kiroku-bench print`, the print alone after login (median, and the peak
#   resident memory while printing).
# Not part of the tests.
# Needs: a release build of kiroku and kiroku-bench, libreoffice-calc-nogui, time, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
runs=${RUNS:-3}
for p in libreoffice-calc-nogui time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    echo "==> apt-get install $p"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
  }
done
export CARGO_INCREMENTAL=0
cargo build --locked --release -q -p kiroku-cli -p kiroku-bench
kiroku="$PWD/target/release/kiroku"
bench="$PWD/target/release/kiroku-bench"

work=$(mktemp -d /tmp/kiroku-bench-print.XXXXXX)
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
mkdir -p "$HOME"
export KIROKU_VAULT="$work/office.kiroku" KIROKU_PASSWORD="bench-password-1" KIROKU_NEW_PASSWORD="bench-password-1"
export KIROKU_CREDENTIAL_STORE=none KIROKU_USER=jimukyokucho
"$kiroku" demo --out "$KIROKU_VAULT" --events "$events" --persons 300 >/dev/null

# The same rows, columns and order as the PDF, as CSV for LibreOffice.
"$kiroku" --json view chronological > "$work/rows.json"
python3 - "$work/rows.json" "$work/rows.csv" <<'PY'
import csv, json, sys
rows = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["No.", "年月日", "区分", "関係事務", "本人（扶養家族）", "所属", "台帳", "取扱いの内容", "担当", "備考"])
    for r in rows:
        person = r["person"] or ""
        if r["dependent"]:
            person += "（%s）" % r["dependent"]
        note = ("第%d版 " % r["version"] if r["amended"] else "") + (r["note"] or "")
        w.writerow([r["event_id"], r["date_label"], r["kind_label"], r["affair"] or "", person,
                    r["unit"] or "", r["file"] or "", r["summary"], r["clerk"], note])
print(f"{len(rows)} rows", file=sys.stderr)
PY

# measure NAME CMD…: prints "NAME wall_s max_rss_MB" per run to $work/times
measure() {
  local name=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "$name %e %M" -o "$work/one" "$@" >/dev/null 2>&1
    cat "$work/one" >> "$work/times"
  done
}
: > "$work/times"
measure kiroku "$kiroku" print chronological --out "$work/kiroku.pdf"
measure libreoffice soffice --headless --norestore "-env:UserInstallation=file://$work/lo-profile" \
  --infilter="CSV:44,34,76,1" --convert-to pdf --outdir "$work/lo" "$work/rows.csv"

"$bench" --json print chronological --runs "$runs" --out "$work/bench.pdf" > "$work/bench.json"

python3 - "$work/times" "$work/kiroku.pdf" "$work/lo/rows.pdf" "$work/bench.json" <<'PY'
import os, statistics, subprocess, sys
by = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    by.setdefault(name, []).append((float(wall), int(rss) / 1024))
def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return next(int(l.split()[1]) for l in out.splitlines() if l.startswith("Pages:"))
files = {"kiroku": sys.argv[2], "libreoffice": sys.argv[3]}
print(f"{'':12} {'wall (median)':>14} {'peak RSS':>10} {'pages':>6} {'PDF size':>10} {'KB/page':>8}")
for name in ("kiroku", "libreoffice"):
    wall = statistics.median(w for w, _ in by[name])
    rss = max(r for _, r in by[name])
    size = os.path.getsize(files[name])
    n = pages(files[name])
    print(f"{name:12} {wall:>12.2f} s {rss:>7.0f} MB {n:>6} {size/1e6:>7.2f} MB {size/1024/n:>8.1f}")
import json
inproc = json.load(open(sys.argv[4]))
print(f"{'kiroku (in process, after login)':34} {inproc['print_ms_median']/1000:.2f} s, peak {inproc['peak_while_printing_mb']:.0f} MB over {inproc['runs']} prints")
k = statistics.median(w for w, _ in by["kiroku"])
l = statistics.median(w for w, _ in by["libreoffice"])
print(f"Kiroku is {l/k:.1f}× faster as a whole command (unlocking included), "
      f"{l/(inproc['print_ms_median']/1000):.1f}× faster printing from an open session")
PY
echo "(files in $work)"
