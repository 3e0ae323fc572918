#!/usr/bin/env python3
"""A generated region for the benchmark of issue 15: M municipalities × N months (default 60 ×
120, from January 2016), each with its site.yaml (every third without `population`), targets for
every year, a report a month, decisions (two a year) and two road maps of five measures. The
same seed gives the same files.

Usage: python3 benches/region.py OUT [MUNICIPALITIES] [MONTHS]
"""
import os, random, sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
months = int(sys.argv[3]) if len(sys.argv) > 3 else 120
rng = random.Random(15)
CHANNELS = ["appeals", "pos", "digital", "hotline"]
TREATED = ["fast_track", "auto_delivery", "roadmap", "info_systems", "auto_control"]
THEMES = ["ЖКХ", "Дороги", "Благоустройство", "Транспорт", "Образование", "Здравоохранение"]
TARGETS = ["fast_track", "auto_delivery", "social_recipients", "pos_decisions_informed",
           "roadmap", "info_systems", "auto_control"]


def write(rel, text):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


write("data/site.yaml", """region_site: true
title: "Региональный центр управления Бенчмарк-области"
region: "Бенчмарк-область"
base_url: "https://cur.bench.example/"
contacts: {email: "cur@bench.example", phone: "+7 800 000-00-00"}
inn: "9900200030"
""")
def inn(m):
    """A made-up INN with a valid check digit, one a municipality."""
    digits = f"99003{m:04d}"
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return digits + str(sum(int(a) * b for a, b in zip(digits, weights)) % 11 % 10)


periods = [(2016 + i // 12, i % 12 + 1) for i in range(months)]
years = sorted({y for y, _ in periods})
for m in range(count):
    mid = f"mo-{m:03d}"
    base = f"data/municipalities/{mid}"
    pop = "" if m % 3 == 2 else f"population: {rng.randint(8_000, 400_000)}\n"
    write(f"{base}/site.yaml", f"""title: "МЦУ муниципалитета № {m + 1}"
municipality: "Муниципальный округ № {m + 1}"
region: "Бенчмарк-область"
base_url: "https://{mid}.bench.example/"
inn: "{inn(m)}"
contacts: {{phone: "+7 800 100-{m // 100:02d}-{m % 100:02d}"}}
{pop}""")
    plans = "\n".join(
        f"  {y}: {{" + ", ".join(f"{t}: {rng.randint(20, 60)}" for t in TARGETS) + "}"
        for y in years)
    write(f"{base}/targets.yaml", f"plans:\n{plans}\n")
    scale = rng.randint(50, 2000)
    for y, mo in periods:
        lines = [f"period: {y}-{mo:02d}",
                 f"published: {y + (mo == 12)}-{mo % 12 + 1:02d}-02",
                 "channels:"]
        total_all = 0
        for c in CHANNELS:
            total = rng.randint(scale // 4, scale)
            total_all += total
            parts = ", ".join(f"{t}: {rng.randint(0, total)}" for t in TREATED)
            lines.append(f"  {c}: {{total: {total}, {parts}}}")
        rec = rng.randint(10, 60)
        lines.append(f"recipients: {{total: {rec}, informing: {rng.randint(0, rec)}}}")
        lines.append("themes:")
        left = total_all
        for t in rng.sample(THEMES, 3):
            r = rng.randint(0, left // 2)
            left -= r
            lines.append(f"  - {{theme: \"{t}\", received: {r}, solved: {r // 2}}}")
        write(f"{base}/reports/{y}-{mo:02d}.yaml", "\n".join(lines) + "\n")
    decisions = []
    for y in years:
        for k in range(2):
            adopted = f"{y}-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
            informed = f"{y}-12-{rng.randint(1, 28):02d}"
            decisions.append(f"""- id: r-{y}-{k}
  title: "Решение {k + 1} {y} года"
  kind: vote
  adopted: {adopted}
  theme: "{rng.choice(THEMES)}"
  participants: {rng.randint(50, 5000)}
  source_url: "https://pos.gosuslugi.ru/"
  status: done
  result: "Выполнено."
  informing:
    - {{date: {informed}, network: "ВКонтакте", url: "https://vk.com/wall-1_{k}"}}
""")
    write(f"{base}/decisions/all.yaml", "".join(decisions))
    for k in range(2):
        y = years[min(len(years) - 1, 2 + k * 3)]
        measures = "\n".join(
            f"  - {{title: \"Мероприятие {j + 1}\", responsible: \"МКУ\", due: {y + 1 + j // 2}-0{j + 1}-28"
            + (f", done: {y + 1}-0{j + 1}-20" if j % 2 == 0 else "") + "}"
            for j in range(5))
        write(f"{base}/roadmaps/rm-{k}.yaml", f"""id: rm-{k}
title: "Дорожная карта {k + 1}"
theme: "{THEMES[k]}"
root_cause: "Износ"
approved: {y}-01-15
owner: {{name: "Иванов И.И.", position: "заместитель главы"}}
measures:
{measures}
""")
print(f"{count} municipalities × {months} months in {out}")
