#!/usr/bin/env python3
"""How long a saved month takes to reach an open page in `vitrina serve`: the time from writing
data/reports/<latest>.yaml of a copy of the demo site to the answer of the long poll the open
pages wait on (/__vitrina/events), the debounce included. Prints the median of N saves.

Each save changes a count, as a press officer's does: the latest month's `informing:` (recipients
who informed residents, a target's numerator) goes one down and back up on alternate saves, so
the month's form, the target's history, the year, the home page and the open data are all made
again. (A comment-only edit renders nothing and measures only the file watcher.)

Usage: python3 benches/serve_latency.py BIN [N] [SITE [REPORTS]]
SITE: another site to copy instead of the demo (its data/ and content/, if any); REPORTS: the
folder of the reports to save in, relative to SITE (default data/reports; for a region, one
municipality's, e.g. data/municipalities/mo-000/reports).
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.request

bin_, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 9
root = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
reports = sys.argv[4] if len(sys.argv) > 4 else os.path.join("data", "reports")
site = tempfile.mkdtemp()
for d in ("data", "content"):
    if os.path.isdir(os.path.join(root, d)):
        shutil.copytree(os.path.join(root, d), os.path.join(site, d))
month = sorted(os.listdir(os.path.join(site, reports)))[-1]
month = os.path.join(site, reports, month)
server = subprocess.Popen([bin_, "serve", "--root", site, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    line = server.stdout.readline()
    addr = line.split("http://")[1].split("/")[0]
    def events(since):
        url = f"http://{addr}/__vitrina/events?since={since}"
        return json.load(urllib.request.urlopen(url, timeout=30))
    generation = events(0)["generation"]
    text = open(month, encoding="utf-8").read()
    count = re.search(r"informing: (\d+)", text)
    assert count and int(count.group(1)) > 0, f"{month}: no informing count above zero to change"
    def with_count(n):
        return text[:count.start(1)] + str(n) + text[count.end(1):]
    times = []
    for i in range(n):
        result = {}
        poll = threading.Thread(target=lambda: result.update(events(generation)))
        poll.start()
        time.sleep(0.2)  # the poll waits before the save, as an open page does
        saved = time.perf_counter()
        with open(month, "w", encoding="utf-8") as f:
            f.write(with_count(int(count.group(1)) - 1 + i % 2))
        poll.join()
        times.append(time.perf_counter() - saved)
        assert result["ok"], result
        generation = result["generation"]
        time.sleep(0.3)
    times.sort()
    print(f"serve, save → open page ({'demo site' if len(sys.argv) <= 3 else root}): median {statistics.median(times)*1000:.0f} ms "
          f"(min {times[0]*1000:.0f}, max {times[-1]*1000:.0f}) over {n} saves")
finally:
    server.kill()
    shutil.rmtree(site, ignore_errors=True)
