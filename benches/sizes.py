#!/usr/bin/env python3
"""The weight of a published folder (issue 20): what a static host receives.

    python3 benches/sizes.py PUBLIC_DIR

Prints the folder's size, its number of files, its size as a tar.gz (gzip level 6, as
`tar czf` makes it: a deploy artifact), the largest HTML page and the largest PNG (share card)
against the issue's limits (300 MB, 30,000 files, 100 MB as tar.gz, 60 KB a page, 30 KB a
card), and the total by kind of file.
"""

import collections
import gzip
import io
import os
import sys
import tarfile

LIMITS = {"size": 300e6, "files": 30_000, "targz": 100e6, "page": 60 * 1024, "card": 30 * 1024}


def main(root: str) -> int:
    files = []
    for folder, _, names in os.walk(root):
        for n in names:
            p = os.path.join(folder, n)
            files.append((os.path.relpath(p, root), os.path.getsize(p)))
    total = sum(s for _, s in files)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w") as tar:
            tar.add(root, arcname=os.path.basename(os.path.normpath(root)))
    targz = buf.tell()
    pages = [(s, p) for p, s in files if p.endswith(".html")]
    cards = [(s, p) for p, s in files if p.endswith(".png")]
    page, card = max(pages, default=(0, "-")), max(cards, default=(0, "-"))

    def mark(ok: bool) -> str:
        return "ok" if ok else "OVER"

    print(f"published {total / 1e6:8.1f} MB   limit 300 MB     {mark(total <= LIMITS['size'])}")
    print(f"files     {len(files):8d}      limit 30,000     {mark(len(files) <= LIMITS['files'])}")
    print(f"tar.gz    {targz / 1e6:8.1f} MB   limit 100 MB     {mark(targz <= LIMITS['targz'])}")
    print(f"largest page {page[0] / 1024:6.1f} KB  {page[1]}   {mark(page[0] <= LIMITS['page'])}")
    print(f"largest card {card[0] / 1024:6.1f} KB  {card[1]}   {mark(card[0] <= LIMITS['card'])}")
    by_kind = collections.Counter()
    count = collections.Counter()
    for p, s in files:
        kind = os.path.splitext(p)[1] or p
        by_kind[kind] += s
        count[kind] += 1
    for kind, s in by_kind.most_common(8):
        print(f"  {kind:18} {count[kind]:6d} files {s / 1e6:8.1f} MB  (avg {s / count[kind] / 1024:6.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
