#!/usr/bin/env python3
"""Writes a benchmark corpus: N Markdown pages of about 6 KB of Russian and English text, each with
front matter (title, date), into DIR/vitrina (a small Vitrina site: the test fixture's data plus
the pages under content/bench/) and DIR/hugo (a minimal Hugo site with single and list templates
and the same pages under content/bench/). Deterministic: the same N gives the same bytes.

Usage: python3 benches/corpus.py N DIR
"""
import os
import random
import shutil
import sys

RU = ("обращение жители управа благоустройство дорога двор освещение отопление сквер ремонт "
      "контроль муниципалитет решение голосование платформа обратной связи отчёт показатель "
      "район улица подъезд остановка транспорт школа поликлиника вода мусор площадка парк "
      "заявка срок исполнение ответ качество доля месяц неделя год план факт результат").split()
EN = ("appeal resident council road yard lighting heating square repair control municipality "
      "decision vote platform feedback report indicator district street entrance stop transport "
      "school clinic water waste playground park request deadline answer quality share month "
      "week year plan fact result").split()


def sentence(rng, words):
    n = rng.randint(6, 16)
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph(rng):
    words = RU if rng.random() < 0.7 else EN
    text = " ".join(sentence(rng, words) for _ in range(rng.randint(3, 7)))
    if rng.random() < 0.3:
        w = rng.choice(words)
        text += f" Подробнее: [{w}](https://example.org/{rng.randint(1, 999)})."
    if rng.random() < 0.3:
        text = text.replace(" ", " **", 1).replace(" ", "** ", 1)
    return text


def page(rng, i):
    title = sentence(rng, RU)[:-1]
    year, month, day = 2020 + i % 6, 1 + i % 12, 1 + i % 28
    body = []
    size = 0
    while size < 6000:
        kind = rng.random()
        if kind < 0.12:
            block = "## " + sentence(rng, RU)[:-1]
        elif kind < 0.22:
            block = "\n".join("- " + sentence(rng, RU) for _ in range(rng.randint(2, 5)))
        else:
            block = paragraph(rng)
        body.append(block)
        size += len(block.encode())
    front = f'---\ntitle: "{title} № {i}"\ndate: {year}-{month:02}-{day:02}\n---\n'
    return front + "\n\n".join(body) + "\n"


HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "ru"
title = "Бенчмарк"
disableKinds = ["taxonomy", "term"]
"""
BASEOF = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
"""
SINGLE = """{{ define "main" }}<main><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}</main>{{ end }}
"""
LIST = """{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
"""


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shutil.rmtree(out, ignore_errors=True)
    vit, hugo = os.path.join(out, "vitrina"), os.path.join(out, "hugo")
    shutil.copytree(os.path.join(root, "tests", "fixtures", "small"), vit)
    for d in ("content/bench", "layouts/_default"):
        os.makedirs(os.path.join(hugo, d), exist_ok=True)
    os.makedirs(os.path.join(vit, "content", "bench"), exist_ok=True)
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)):
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write(text)
    rng = random.Random(n)
    for i in range(n):
        text = page(rng, i)
        for site in (vit, hugo):
            with open(os.path.join(site, "content", "bench", f"page-{i:05}.md"), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
