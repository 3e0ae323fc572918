#!/usr/bin/env python3
"""Generates the demo site's data under data/ (a fictional municipality, 2022-01 .. 2025-09).

Run from anywhere: `python3 tools/demo/generate.py`. Python 3.11 standard library only. Every
random draw comes from generators seeded with fixed strings and the clock is never read, so a run
always rewrites the same bytes. The script asserts the invariants of DATA-FORMAT.md on what it
writes, computes the annual value of the 7 targets exactly as DOMAIN.md defines them, and writes a
deviation reason for every complete year and target below plan (and only for those).

Why hand-formatted YAML: the files are the public contract's showcase, so they are laid out like
the examples in DATA-FORMAT.md (one flow mapping per line, Russian strings in double quotes).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SEED = "vitrina-demo-zarechny"

FIRST = (2022, 1)
LAST = (2025, 9)
COMPLETE_YEARS = [2022, 2023, 2024]
AS_OF = dt.date(2025, 10, 2)  # the published date of the last report: newest date in data/

CHANNELS = ["appeals", "pos", "digital", "hotline"]
TREATMENTS = ["fast_track", "auto_delivery", "roadmap", "info_systems", "auto_control"]
TARGETS = ["fast_track", "auto_delivery", "social_recipients", "pos_decisions_informed",
           "roadmap", "info_systems", "auto_control"]

MONTH_NOM = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
             "сентябрь", "октябрь", "ноябрь", "декабрь"]
MONTH_PREP = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
              "сентябре", "октябре", "ноябре", "декабре"]

GENERATED = "# Демонстрационные данные: файл создан tools/demo/generate.py — правьте генератор, а не файл."


def rng(name: str) -> random.Random:
    """A generator of its own per purpose, so that changing one series leaves the others alone."""
    return random.Random(f"{SEED}/{name}")


def gauss(r: random.Random, mu: float, sigma: float) -> float:
    """Roughly normal noise from plain arithmetic (Irwin–Hall), so that no libm rounding can
    make two machines write different bytes (random.gauss goes through log and cos)."""
    return mu + sigma * (sum(r.random() for _ in range(12)) - 6.0)


# ---------------------------------------------------------------------------------------------
# Small helpers: YAML scalars, rounding, Russian words
# ---------------------------------------------------------------------------------------------

def q(s: str) -> str:
    """A double-quoted YAML string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(pairs: list[tuple[str, str]]) -> str:
    """A one-line flow mapping from already formatted values."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def round1(x: Fraction) -> Fraction:
    """Rounds a non-negative exact value to one decimal, half away from zero."""
    assert x >= 0
    tenths = x * 10
    n = tenths.numerator // tenths.denominator
    if tenths - n >= Fraction(1, 2):
        n += 1
    return Fraction(n, 10)


def share(num: int, den: int) -> Fraction | None:
    """A share in percent, rounded to one decimal; None ("нет данных") over a zero denominator."""
    if den == 0:
        return None
    return round1(Fraction(100 * num, den))


def fmt1(x: Fraction) -> str:
    """One decimal with a dot (for tables of this script)."""
    tenths = int(x * 10)
    return f"{tenths // 10}.{tenths % 10}"


def pct_ru(num: int, den: int) -> str:
    """A share for Russian text: "52,3 %"."""
    s = share(num, den)
    assert s is not None
    return fmt1(s).replace(".", ",") + " %"


def plural(n: int, one: str, few: str, many: str) -> str:
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def months() -> list[tuple[int, int]]:
    out = []
    y, m = FIRST
    while (y, m) <= LAST:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_index(y: int, m: int) -> int:
    return (y - FIRST[0]) * 12 + (m - FIRST[1])


def month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return nxt - dt.timedelta(days=1)


# The publication schedule: a month's report is due on the 2nd of the next month (the default
# `report_due_day`). The demo keeps to it but for one report, so the site shows a late one.
LATE = {(2025, 6): 7}  # (year, month) -> days after the due date


def published(y: int, m: int) -> dt.date:
    """The due date, the 2nd of the next month, or the 1st when the 2nd is a Sunday; a month in
    LATE that many days after the 2nd."""
    d = dt.date(y + 1, 1, 2) if m == 12 else dt.date(y, m + 1, 2)
    if (y, m) in LATE:
        return d + dt.timedelta(days=LATE[(y, m)])
    return d - dt.timedelta(days=1) if d.weekday() == 6 else d


# One report corrected after publication: the hotline figure of August 2025 was first published
# 12 too high. The file holds the corrected figures and the notice says what the first one was.
CORRECTED = (2025, 8)
CORRECTION_DATE = dt.date(2025, 9, 15)
CORRECTION_FIRST_EXCESS = 12


def corrections(rep: dict) -> list[tuple[dt.date, str]]:
    if (rep["y"], rep["m"]) != CORRECTED:
        return []
    hotline = rep["totals"]["hotline"]
    return [(CORRECTION_DATE,
             f"Исправлено число обращений на горячие линии (индикатор 28) — в первой редакции было "
             f"{hotline + CORRECTION_FIRST_EXCESS}, верно {hotline}")]


def largest_remainder(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Splits `total` into whole parts proportional to `weights`, no part above its cap.

    Water-filling: parts that would exceed their cap are pinned to it and the rest is shared
    again among the others, then the fractions are settled by largest remainder.
    """
    n = len(weights)
    caps = caps if caps is not None else [total] * n
    assert total <= sum(caps), (total, caps)
    exact = [0.0] * n
    free = [i for i in range(n) if weights[i] > 0]
    left = float(total)
    while True:
        wsum = sum(weights[i] for i in free)
        over = [i for i in free if left * weights[i] / wsum > caps[i]]
        if not over:
            for i in free:
                exact[i] = left * weights[i] / wsum
            break
        for i in over:
            exact[i] = float(caps[i])
            left -= caps[i]
            free.remove(i)
    parts = [min(int(x), caps[i]) for i, x in enumerate(exact)]
    order = sorted(range(n), key=lambda i: (-(exact[i] - int(exact[i])), i))
    short = total - sum(parts)
    while short > 0:
        for i in order:
            if short and parts[i] < caps[i]:
                parts[i] += 1
                short -= 1
    return parts


# ---------------------------------------------------------------------------------------------
# The site, the structure
# ---------------------------------------------------------------------------------------------

MUNICIPALITY = "Заречный муниципальный округ"
REGION = "Энская область"
DOCS = "https://zarechny.example.ru/documents"
# The demo's files are Vitrina's own repository's.
REPO = "https://github.com/vitrina-mcu/vitrina"


POST_TAGS = ["#МЦУ", "#Заречный", "#обращения"]


def site_yaml() -> str:
    pages = [("ВКонтакте", "https://vk.com/zarechny_adm"),
             ("Одноклассники", "https://ok.ru/zarechny_adm"),
             ("Telegram", "https://t.me/zarechny_adm")]
    documents = [
        ("Постановление администрации № 214 «О создании Муниципального центра управления "
         "Заречного муниципального округа»", "214", "2021-02-15", f"{DOCS}/postanovlenie-214-2021.pdf"),
        ("Положение о Муниципальном центре управления (приложение № 1 к постановлению № 214)",
         "214", "2021-02-15", f"{DOCS}/polozhenie-mcu.pdf"),
        ("Постановление администрации № 1987 «Об утверждении плановых значений целевых показателей "
         "функционирования МЦУ на 2022–2024 годы»", "1987", "2021-12-27", f"{DOCS}/postanovlenie-1987-2021.pdf"),
        ("Постановление администрации № 2215 «О внесении изменений в плановые значения целевых "
         "показателей функционирования МЦУ (на 2025 год)»", "2215", "2024-12-23", f"{DOCS}/postanovlenie-2215-2024.pdf"),
    ]
    lines = [
        "# Сайт МЦУ: название, адрес, контакты, официальные страницы и документы",
        GENERATED,
        f"title: {q('Муниципальный центр управления Заречного муниципального округа')}",
        f"municipality: {q(MUNICIPALITY)}",
        f"region: {q(REGION)}",
        'base_url: "https://mcu-zarechny.example.ru/"',
        '# ИНН владельца данных (выдуманный): начало идентификаторов наборов открытых данных',
        'inn: "9900123450"',
        "language: ru",
        f"address: {q('г. Заречный, ул. Советская, 12, каб. 105')}",
        f"contacts: {flow([('phone', q('+7 800 000-12-34')), ('email', q('mcu@zarechny.example.ru'))])}",
        "official_pages:",
    ]
    for network, url in pages:
        lines.append(f"  - {flow([('network', q(network)), ('url', q(url))])}")
    lines.append("documents:")
    for title, number, date, url in documents:
        lines.append(f"  - {flow([('title', q(title)), ('number', q(number)), ('date', date), ('url', q(url))])}")
    lines.append("# Хештеги, которыми `vitrina post` заканчивает готовый пост (в кавычках: без них # — комментарий)")
    lines.append(f"post_tags: [{', '.join(q(t) for t in POST_TAGS)}]")
    lines += [
        "# Где лежат файлы данных: ссылки «Исходные данные» и «История изменений» на страницах",
        "source:",
        f"  file: {q(REPO + '/blob/main/{path}')}",
        f"  history: {q(REPO + '/commits/main/{path}')}",
    ]
    return "\n".join(lines) + "\n"


def person(name: str, position: str) -> str:
    return flow([("name", q(name)), ("position", q(position))])


def structure_yaml() -> str:
    roles = [
        ("Ответственный за работу в системе «Платформа обратной связи»", "Сидоренко О.П.",
         "главный специалист отдела информационной политики"),
        ("Ответственный за работу в системе «Инцидент менеджмент»", "Ковалёв Д.С.",
         "ведущий специалист отдела информационной политики"),
        ("Ответственный за информирование и работу с масс-медиа", "Лапина М.А.",
         "пресс-секретарь главы муниципального округа"),
        ("Администратор МЦУ", "Тимофеев И.Р.",
         "инженер-программист МКУ «Центр цифрового развития»"),
    ]
    blocks = [
        ("Жилищно-коммунальное хозяйство", ["ЖКХ"],
         ("Гусев В.А.", "заместитель главы администрации по ЖКХ"),
         [("Орлова Т.Н.", "начальник отдела ЖКХ администрации"),
          ("Пахомов С.И.", "директор МКУ «Управление городского хозяйства»"),
          ("Ермолаева Н.В.", "главный инженер МУП «Заречный водоканал»")]),
        ("Дороги и транспорт", ["Дороги", "Транспорт"],
         ("Новиков А.И.", "заместитель главы администрации по строительству и дорожной деятельности"),
         [("Жуков П.Е.", "директор МБУ «Дорожное хозяйство Заречного округа»"),
          ("Савельева Л.М.", "главный специалист по транспорту отдела экономики")]),
        ("Социальная политика", ["Образование", "Здравоохранение", "Социальная защита"],
         ("Рябова Г.С.", "заместитель главы администрации по социальным вопросам"),
         [("Фролова И.К.", "начальник отдела образования администрации"),
          ("Мельников Ю.Б.", "заместитель главного врача ГБУЗ «Заречная районная больница»"),
          ("Данилова Е.А.", "начальник управления социальной защиты населения")]),
        ("Благоустройство и экология", ["Благоустройство", "ТКО"],
         ("Гусев В.А.", "заместитель главы администрации по ЖКХ"),
         [("Комарова А.Д.", "главный специалист по благоустройству МКУ «Управление городского хозяйства»"),
          ("Широков Р.Н.", "ведущий специалист по экологии отдела ЖКХ")]),
        ("Государственные и муниципальные услуги", ["Государственные и муниципальные услуги"],
         ("Захарова О.Ю.", "управляющий делами администрации"),
         [("Власов К.В.", "руководитель территориального отдела МФЦ"),
          ("Панова С.Г.", "председатель комитета по управлению муниципальным имуществом")]),
    ]
    lines = [
        "# Состав Муниципального центра управления Заречного муниципального округа",
        GENERATED,
        f"curator: {person('Белоусов А.В.', 'первый заместитель главы администрации')}",
        f"head:    {person('Кравцова Е.Н.', 'начальник отдела информационной политики, руководитель МЦУ')}",
        "roles:",
    ]
    for role, name, position in roles:
        lines.append(f"  - {flow([('role', q(role)), ('name', q(name)), ('position', q(position))])}")
    lines.append("blocks:")
    for name, themes, lead, members in blocks:
        lines.append(f"  - name: {q(name)}")
        lines.append(f"    themes: [{', '.join(q(t) for t in themes)}]")
        lines.append(f"    lead: {person(*lead)}")
        lines.append("    members:")
        for member in members:
            lines.append(f"      - {person(*member)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Decisions via ПОС and road maps (hand-written facts; the monthly series refer to them)
# ---------------------------------------------------------------------------------------------

VK = "https://vk.com/wall-218734521_"
TG = "https://t.me/zarechny_adm/"
OK = "https://ok.ru/zarechny_adm/topic/"
POS = "https://pos.gosuslugi.ru/lkp/polls/"

D = dt.date.fromisoformat

DECISIONS = {
    2022: [
        dict(id="skver-pobedy-2022", title="Выбор дизайн-проекта сквера Победы", kind="vote",
             adopted=D("2022-03-18"), theme="Благоустройство", participants=1412, source=f"{POS}184512/",
             status="done", result="Победил проект «Аллея памяти»: пешеходные дорожки, освещение и 40 новых деревьев.",
             milestones=[("2022-05-20", "Заключён муниципальный контракт на работы"),
                         ("2022-09-09", "Сквер открыт после благоустройства")],
             informing=[("2022-03-29", "ВКонтакте", f"{VK}812"), ("2022-09-12", "Telegram", f"{TG}431")]),
        dict(id="raspisanie-marshruta-5", title="Расписание автобусного маршрута № 5", kind="survey",
             adopted=D("2022-05-20"), theme="Транспорт", participants=638, source=f"{POS}191877/",
             status="done", result="Жители попросили добавить утренний рейс в 6:40; перевозчик изменил расписание с 1 июля.",
             milestones=[("2022-07-01", "Новое расписание маршрута № 5 вступило в силу")],
             informing=[("2022-06-10", "ВКонтакте", f"{VK}901")]),
        dict(id="detskaya-ploshchadka-lesnaya", title="Выбор оборудования для детской площадки на ул. Лесной",
             kind="vote", adopted=D("2022-08-12"), theme="Благоустройство", participants=527,
             source=f"{POS}203340/", status="done",
             result="Выбран комплекс с горкой и качелями для детей до 7 лет; площадка открыта в октябре.",
             milestones=[("2022-10-14", "Площадка установлена и принята комиссией")],
             informing=[("2022-08-26", "ВКонтакте", f"{VK}1004"), ("2022-10-17", "Одноклассники", f"{OK}70112")]),
        dict(id="pravila-blagoustroystva-2022", title="Новая редакция Правил благоустройства",
             kind="discussion", adopted=D("2022-11-25"), theme="Благоустройство", participants=214,
             source=f"{POS}215006/", status="done",
             result="Учтены 17 предложений жителей, в том числе о сроках уборки снега с тротуаров.",
             milestones=[("2022-12-21", "Правила утверждены решением Думы округа")],
             informing=[("2022-11-30", "Telegram", f"{TG}588")]),
    ],
    2023: [
        dict(id="obshchestvennye-territorii-2024", title="Выбор общественной территории для благоустройства в 2024 году",
             kind="vote", adopted=D("2023-04-14"), theme="Благоустройство", participants=2960,
             source=f"{POS}231190/", status="done",
             result="Жители выбрали набережную реки Светлой (**1 284** голоса из 2 960).",
             milestones=[("2024-04-22", "Начаты работы на набережной"),
                         ("2024-08-30", "Набережная открыта после благоустройства")],
             informing=[("2023-04-27", "ВКонтакте", f"{VK}1377"), ("2024-09-02", "ВКонтакте", f"{VK}2210")]),
        dict(id="grafik-vyvoza-tko", title="Удобный график вывоза ТКО в частном секторе", kind="survey",
             adopted=D("2023-06-09"), theme="ТКО", participants=873, source=f"{POS}236644/", status="done",
             result="Вывоз в частном секторе переведён на вторник и пятницу, летом — три раза в неделю.",
             milestones=[("2023-07-01", "Региональный оператор перешёл на новый график")],
             informing=[("2023-06-27", "ВКонтакте", f"{VK}1502"), ("2023-07-03", "Telegram", f"{TG}812")]),
        dict(id="osveshchenie-ulits-2023", title="Выбор улиц для устройства уличного освещения", kind="survey",
             adopted=D("2023-09-22"), theme="Благоустройство", participants=1105, source=f"{POS}244018/",
             status="done", result="В программу вошли улицы Полевая, Озёрная и Строителей.",
             milestones=[("2023-12-15", "Освещение включено на ул. Полевой и ул. Озёрной"),
                         ("2024-06-28", "Освещение включено на ул. Строителей")],
             informing=[("2023-10-16", "ВКонтакте", f"{VK}1650"), ("2024-07-02", "Telegram", f"{TG}1190")]),
        dict(id="iniciativnyi-byudzhet-2024", title="Проекты инициативного бюджетирования на 2024 год",
             kind="vote", adopted=D("2023-12-08"), theme="Благоустройство", participants=3418,
             source=f"{POS}252731/", status="done",
             result="Поддержаны три проекта: хоккейная коробка, тротуар к школе № 2 и ограждение кладбища.",
             milestones=[("2024-07-19", "Хоккейная коробка и ограждение готовы"),
                         ("2024-09-30", "Тротуар к школе № 2 построен")],
             informing=[("2023-12-20", "ВКонтакте", f"{VK}1731"), ("2024-10-04", "ВКонтакте", f"{VK}2288")]),
    ],
    2024: [
        dict(id="ulitsy-remont-2024", title="Какие улицы отремонтировать в первую очередь", kind="survey",
             adopted=D("2024-01-26"), theme="Дороги", participants=1936, source=f"{POS}258120/", status="done",
             result="Первыми названы ул. Ленина, ул. Советская и ул. Мира; их ремонт включён в дорожную карту по ямочному ремонту.",
             milestones=[("2024-02-01", "Утверждена дорожная карта по ямочному ремонту"),
                         ("2024-06-14", "Отремонтированы ул. Ленина и ул. Советская")],
             informing=[("2024-01-31", "ВКонтакте", f"{VK}1802"), ("2024-06-17", "Telegram", f"{TG}1175")]),
        dict(id="territorii-2025", title="Выбор территории для благоустройства в 2025 году", kind="vote",
             adopted=D("2024-03-15"), theme="Благоустройство", participants=3105, source=f"{POS}260557/",
             status="done", result="Жители выбрали сквер у Дома культуры.",
             milestones=[("2025-05-12", "Заключён контракт на работы"),
                         ("2025-08-15", "Сквер у Дома культуры открыт")],
             informing=[("2024-03-28", "ВКонтакте", f"{VK}1840"), ("2025-08-18", "ВКонтакте", f"{VK}2871")]),
        dict(id="dizain-kod-tsentra", title="Дизайн-код вывесок на ул. Советской", kind="discussion",
             adopted=D("2024-06-14"), theme="Благоустройство", participants=162, source=f"{POS}266930/",
             status="cancelled",
             result="Обсуждение признано несостоявшимся: предложений поступило меньше, чем требует порядок. "
                    "Вопрос вернётся на обсуждение после встречи с предпринимателями.",
             milestones=[],
             informing=[("2024-06-28", "Telegram", f"{TG}1183")]),
        dict(id="shkolnyi-avtobus-2024", title="Маршрут школьного автобуса для микрорайона Южный", kind="discussion",
             adopted=D("2024-08-23"), theme="Образование", participants=341, source=f"{POS}271402/",
             status="done", result="Автобус идёт через остановку «Южная» с заездом на ул. Садовую, отправление в 7:35.",
             milestones=[("2024-09-02", "Школьный автобус вышел на новый маршрут")],
             informing=[("2024-09-05", "ВКонтакте", f"{VK}2244")]),
        dict(id="sportploshchadka-zarechnaya", title="Выбор места для новой спортивной площадки", kind="vote",
             adopted=D("2024-10-11"), theme="Благоустройство", participants=1274, source=f"{POS}276015/",
             status="in_progress", result="Выбран двор домов 5–9 по ул. Заречной.",
             milestones=[("2025-06-02", "Подготовлено основание площадки")],
             informing=[("2024-10-30", "ВКонтакте", f"{VK}2325")]),
    ],
    2025: [
        dict(id="territorii-2026", title="Выбор территории для благоустройства в 2026 году", kind="vote",
             adopted=D("2025-03-14"), theme="Благоустройство", participants=3377, source=f"{POS}284460/",
             status="in_progress", result="Жители выбрали парк на ул. Гагарина; идёт проектирование.",
             milestones=[("2025-07-25", "Проект благоустройства парка передан на экспертизу")],
             informing=[("2025-03-27", "ВКонтакте", f"{VK}2602")]),
        dict(id="dachnyi-marshrut-2025", title="Сезонный дачный автобусный маршрут", kind="survey",
             adopted=D("2025-04-18"), theme="Транспорт", participants=902, source=f"{POS}287305/",
             status="done", result="Маршрут № 105 до СНТ «Рассвет» запущен по выходным с 1 мая по 30 сентября.",
             milestones=[("2025-05-01", "Первый рейс сезонного маршрута № 105")],
             informing=[("2025-04-29", "ВКонтакте", f"{VK}2690"), ("2025-05-02", "Telegram", f"{TG}1530")]),
        dict(id="skameiki-naberezhnaya", title="Выбор скамеек и урн для набережной", kind="survey",
             adopted=D("2025-06-20"), theme="Благоустройство", participants=456, source=f"{POS}291188/",
             status="done", result="Выбраны деревянные скамейки со спинкой; установлено 24 скамейки и 12 урн.",
             milestones=[("2025-08-28", "Скамейки и урны установлены")],
             informing=[]),
        dict(id="park-yubileynyi", title="Концепция развития парка «Юбилейный»", kind="discussion",
             adopted=D("2025-09-12"), theme="Благоустройство", participants=288, source=f"{POS}296540/",
             status="planned", result="Предложения жителей переданы проектировщику; работы запланированы на 2026 год.",
             milestones=[], informing=[]),
    ],
}

ROADMAPS = [
    dict(id="yamochnyi-remont", title="Устранение причин обращений о ямах на дорогах", theme="Дороги",
         root_cause="Износ асфальтового покрытия улиц частного сектора и застой талой воды без водоотвода",
         approved=D("2024-02-01"), owner=("Новиков А.И.", "заместитель главы администрации по строительству и дорожной деятельности"),
         measures=[
             dict(title="Обследование улиц и реестр дефектов покрытия", responsible="МКУ «Управление городского хозяйства»",
                  due="2024-03-31", done="2024-03-22"),
             dict(title="Приём сообщений о ямах через ПОС с фотофиксацией", responsible="МЦУ",
                  due="2024-04-30", done="2024-04-15"),
             dict(title="Ямочный ремонт ул. Ленина и ул. Советской", responsible="МБУ «Дорожное хозяйство Заречного округа»",
                  due="2024-06-30", done="2024-06-14"),
             dict(title="Ремонт покрытия ул. Речной", responsible="МБУ «Дорожное хозяйство Заречного округа»",
                  due="2024-09-30", cancelled="Улица передана в собственность Энской области"),
             dict(title="Капитальный ремонт ул. Мира с устройством водоотвода",
                  responsible="МБУ «Дорожное хозяйство Заречного округа»", due="2025-06-30"),
             dict(title="Ремонт ул. Заводской", responsible="МБУ «Дорожное хозяйство Заречного округа»",
                  due="2025-11-30", progress=60),
         ]),
    dict(id="tko-ploshchadki", title="Обустройство контейнерных площадок для ТКО", theme="ТКО",
         root_cause="Нехватка контейнерных площадок в частном секторе и нерегулярный вывоз мусора",
         approved=D("2023-05-15"), owner=("Гусев В.А.", "заместитель главы администрации по ЖКХ"),
         measures=[
             dict(title="Инвентаризация мест накопления ТКО", responsible="Отдел ЖКХ администрации",
                  due="2023-06-30", done="2023-06-26"),
             dict(title="Новый график вывоза в частном секторе", responsible="Региональный оператор по обращению с ТКО",
                  due="2023-07-31", done="2023-07-01"),
             dict(title="Обустройство 40 контейнерных площадок", responsible="МКУ «Управление городского хозяйства»",
                  due="2023-10-31", done="2023-11-10",
                  late_reason="Подрядчик сдал последние 6 площадок после ноябрьских дождей"),
             dict(title="Камеры фотофиксации на контейнерных площадках", responsible="МКУ «Центр цифрового развития»",
                  due="2024-03-31", done="2024-05-20",
                  late_reason="Камеры поставили позже срока по контракту; поставщику начислена неустойка"),
             dict(title="Площадки для крупногабаритных отходов в каждом микрорайоне",
                  responsible="МКУ «Управление городского хозяйства»", due="2025-12-31", progress=80),
         ]),
]


def decisions_by_month() -> dict[tuple[int, int], tuple[int, int, list[dict]]]:
    """Indicators 11 and 12 per month: adopted in the month, and of them informed by its end."""
    out: dict[tuple[int, int], tuple[int, int, list[dict]]] = {}
    for year_list in DECISIONS.values():
        for d in year_list:
            key = (d["adopted"].year, d["adopted"].month)
            adopted, informed, items = out.get(key, (0, 0, []))
            end = month_end(*key)
            on_time = any(D(date) <= end for date, _, _ in d["informing"])
            out[key] = (adopted + 1, informed + (1 if on_time else 0), items + [d])
    return out


def decisions_yaml(year: int) -> str:
    lines = [f"# Решения, принятые с участием жителей через ПОС в {year} г.", GENERATED]
    for d in DECISIONS[year]:
        lines += [
            f"- id: {d['id']}",
            f"  title: {q(d['title'])}",
            f"  kind: {d['kind']}",
            f"  adopted: {d['adopted'].isoformat()}",
            f"  theme: {q(d['theme'])}",
            f"  participants: {d['participants']}",
            f"  source_url: {q(d['source'])}",
            f"  status: {d['status']}",
            f"  result: {q(d['result'])}",
        ]
        if d["milestones"]:
            lines.append("  milestones:")
            for date, text in d["milestones"]:
                lines.append(f"    - {flow([('date', date), ('text', q(text))])}")
        if d["informing"]:
            lines.append("  informing:")
            for date, network, url in d["informing"]:
                lines.append(f"    - {flow([('date', date), ('network', q(network)), ('url', q(url))])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# Answers to information risks: rumours that spread in local public pages and chats, and the
# official clarification the centre published with a link. `source` names a page or a chat,
# never a person.
CLARIFICATIONS = [
    dict(
        id="goryachaya-voda-na-mesyats",
        date=dt.date(2024, 7, 15),
        topic="ЖКХ",
        claim="В Заречном отключат горячую воду на целый месяц",
        answer=(
            "Горячую воду отключают только на время плановых гидравлических испытаний — "
            "**не больше 10 дней** для каждого дома, как требуют санитарные правила.\n\n"
            "График по улицам опубликован на сайте администрации; узнать дату для своего дома "
            "можно и по телефону МЦУ +7 800 000-12-34."
        ),
        links=["https://vk.com/wall-218734521_2210",
               "https://zarechny.example.ru/news/grafik-otklyucheniya-gvs-2024/"],
        source="паблик «Подслушано в Заречном» (ВКонтакте)",
    ),
    dict(
        id="avtobus-5-otmenyayut",
        date=dt.date(2025, 6, 4),
        topic="Транспорт",
        claim="Автобусный маршрут № 5 отменяют с 1 июля",
        answer=(
            "Маршрут № 5 не отменяется. С 1 июля его обслуживает новый перевозчик по итогам "
            "конкурса; расписание, включая утренний рейс в 6:40, остаётся прежним."
        ),
        links=["https://t.me/zarechny_adm/1533"],
        source="паблик «Заречный онлайн» (Одноклассники)",
    ),
    dict(
        id="shkola-3-zakroyut",
        date=dt.date(2025, 9, 5),
        topic="Образование",
        claim="Школу № 3 закроют на весь год, а детей будут возить в другой район",
        answer=(
            "Школа № 3 работает в обычном режиме. Летом в ней отремонтировали кровлю, "
            "и 1 сентября занятия начались в своём здании.\n\n"
            "Школьный автобус в микрорайон Лесной ходит по прежнему расписанию — оно есть "
            "на странице отдела образования."
        ),
        links=["https://t.me/zarechny_adm/1671",
               "https://vk.com/wall-218734521_2804"],
        source="родительские чаты в мессенджерах",
    ),
    dict(
        id="tarif-tko-vdvoe",
        date=dt.date(2025, 9, 18),
        topic="ТКО",
        claim="С октября плата за вывоз мусора вырастет вдвое",
        answer=(
            "Тариф на обращение с ТКО устанавливает региональная служба по тарифам. "
            "В 2025 году он изменился один раз — с 1 июля, на 9,8 %. Других повышений "
            "в 2025 году не будет."
        ),
        links=["https://zarechny.example.ru/news/tarif-tko-2025/"],
        source="чаты жильцов многоквартирных домов",
    ),
]


def clarifications_yaml(year: int) -> str:
    lines = [f"# Ответы на информационные риски, {year} г.", GENERATED]
    for c in CLARIFICATIONS:
        if c["date"].year != year:
            continue
        lines += [
            f"- id: {c['id']}",
            f"  date: {c['date'].isoformat()}",
            f"  topic: {q(c['topic'])}",
            f"  claim: {q(c['claim'])}",
            "  answer: |",
            *[f"    {line}".rstrip() for line in c["answer"].split("\n")],
            "  links:",
            *[f"    - {q(url)}" for url in c["links"]],
            f"  source: {q(c['source'])}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def roadmap_yaml(r: dict) -> str:
    lines = [
        f"# Дорожная карта «{r['title']}»",
        GENERATED,
        f"id: {r['id']}",
        f"title: {q(r['title'])}",
        f"theme: {q(r['theme'])}",
        f"root_cause: {q(r['root_cause'])}",
        f"approved: {r['approved'].isoformat()}",
        f"owner: {person(*r['owner'])}",
        "measures:",
    ]
    for m in r["measures"]:
        pairs = [("title", q(m["title"])), ("responsible", q(m["responsible"])), ("due", m["due"])]
        if "done" in m:
            pairs.append(("done", m["done"]))
        if "progress" in m:
            pairs.append(("progress", str(m["progress"])))
        if "cancelled" in m:
            pairs.append(("cancelled", q(m["cancelled"])))
        if "late_reason" in m:
            pairs.append(("late_reason", q(m["late_reason"])))
        lines.append(f"  - {flow(pairs)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# The monthly series
# ---------------------------------------------------------------------------------------------

# Typical monthly counts per theme in 2022, January..December (before trend, noise and events).
THEME_SEASON = {
    "ЖКХ":               [385, 355, 300, 235, 205, 240, 250, 210, 230, 315, 325, 365],
    "Дороги":            [195, 180, 205, 245, 210, 140, 118, 112, 118, 124, 155, 185],
    "Благоустройство":   [50, 50, 65, 118, 168, 188, 198, 178, 138, 102, 62, 55],
    "ТКО":               [96, 90, 96, 106, 118, 128, 132, 122, 106, 96, 90, 96],
    "Транспорт":         [70, 68, 70, 72, 75, 70, 66, 68, 88, 80, 75, 72],
    "Образование":       [48, 50, 46, 42, 45, 33, 30, 78, 96, 55, 50, 45],
    "Здравоохранение":   [76, 70, 60, 50, 45, 42, 40, 42, 50, 60, 68, 78],
    "Социальная защита": [38, 36, 35, 33, 32, 30, 30, 32, 35, 36, 38, 45],
}
THEMES = list(THEME_SEASON)

# Themes tracked from the start; the rest were added to the report form later in 2022.
THEMES_FROM = {"Транспорт": (2022, 4), "Социальная защита": (2022, 7)}

# One-off events: a theme's count multiplied in a month.
EVENTS = {
    (2023, 1): {"Дороги": 1.30},          # heavy snowfalls
    (2022, 6): {"Благоустройство": 1.10},
    (2024, 7): {"ЖКХ": 1.22},             # water main failure
    (2024, 11): {"ЖКХ": 1.08},
}

# Share of the total, by theme, that is repeated / overdue / postponed / solved (base rates).
REPEATED = {"ЖКХ": 0.13, "Дороги": 0.17, "Благоустройство": 0.10, "ТКО": 0.21, "Транспорт": 0.09,
            "Образование": 0.06, "Здравоохранение": 0.08, "Социальная защита": 0.07}
SOLVED = {"ЖКХ": 0.68, "Дороги": 0.52, "Благоустройство": 0.66, "ТКО": 0.72, "Транспорт": 0.58,
          "Образование": 0.74, "Здравоохранение": 0.62, "Социальная защита": 0.70}

ROADS_APPROVED = month_index(2024, 2)
TKO_APPROVED = month_index(2023, 5)


def roads_factor(t: int) -> float:
    """Дороги: the pothole road map (approved 2024-02-01) takes effect from April 2024."""
    k = t - month_index(2024, 3)
    if k <= 0:
        return 1.0
    return max(0.44, 1.0 - 0.08 * k) * (0.97 if t >= month_index(2025, 1) else 1.0)


def tko_factor(t: int) -> float:
    """ТКО: the container-site road map (approved 2023-05-15) takes effect from July 2023."""
    k = t - month_index(2023, 6)
    if k <= 0:
        return 1.0
    return max(0.52, 1.0 - 0.07 * k)


def repeated_rate(theme: str, t: int) -> float:
    base = REPEATED[theme]
    if theme == "ТКО" and t > TKO_APPROVED:
        return max(0.08, base - 0.015 * (t - TKO_APPROVED))
    if theme == "Дороги" and t > ROADS_APPROVED + 1:
        return max(0.07, base - 0.012 * (t - ROADS_APPROVED - 1))
    return base


# Planned values (Приложение № 3): Cherdakly's for 2022–2024; 2025 a little above 2024.
PLANS = {
    2022: dict(fast_track=70, auto_delivery=30, social_recipients=30, pos_decisions_informed=60,
               roadmap=50, info_systems=60, auto_control=20),
    2023: dict(fast_track=80, auto_delivery=40, social_recipients=40, pos_decisions_informed=80,
               roadmap=60, info_systems=70, auto_control=40),
    2024: dict(fast_track=90, auto_delivery=50, social_recipients=60, pos_decisions_informed=100,
               roadmap=70, info_systems=80, auto_control=50),
    2025: dict(fast_track=92, auto_delivery=55, social_recipients=65, pos_decisions_informed=100,
               roadmap=72, info_systems=82, auto_control=55),
}

# The share (%) of the total each treatment reaches over a year: the monthly series wander
# around a path through these values and are then levelled so that the year comes out at it.
# 2021 only anchors the start of the path.
LEVELS = {
    "fast_track":    {2021: 58.0, 2022: 71.6, 2023: 78.4, 2024: 90.6, 2025: 91.7},
    "auto_delivery": {2021: 14.0, 2022: 26.8, 2023: 41.6, 2024: 51.3, 2025: 53.6},
    "roadmap":       {2021: 38.0, 2022: 46.3, 2023: 61.2, 2024: 67.4, 2025: 70.8},
    "info_systems":  {2021: 50.0, 2022: 62.4, 2023: 70.9, 2024: 81.2, 2025: 82.5},
    "auto_control":  {2021: 12.0, 2022: 21.4, 2023: 36.2, 2024: 47.3, 2025: 52.1},
}


def channel_weights(treatment: str, t: int) -> dict[str, float]:
    """How a treatment's count leans across channels (relative rates per appeal)."""
    hotline_fast = 0.62 if t < month_index(2023, 9) else 0.97  # ЕДДС on fast-track from 2023-09
    return {
        "fast_track":    {"appeals": 0.86, "pos": 1.08, "digital": 1.00, "hotline": hotline_fast},
        "auto_delivery": {"appeals": 0.70, "pos": 1.35, "digital": 1.00, "hotline": 0.25},
        "roadmap":       {"appeals": 1.00, "pos": 1.00, "digital": 0.90, "hotline": 1.00},
        "info_systems":  {"appeals": 0.95, "pos": 1.05, "digital": 1.00, "hotline": 0.90},
        "auto_control":  {"appeals": 0.80, "pos": 1.30, "digital": 0.90, "hotline": 0.30},
    }[treatment]


# Responsible recipients (indicator 10) and those informing in social networks (indicator 9):
# changes of the stock by month, and the informing count at each year's last reported month.
RECIPIENTS_START = 45
RECIPIENTS_CHANGES = {(2022, 4): +1, (2022, 9): +1, (2023, 2): +1, (2023, 7): -1, (2023, 10): +1,
                      (2024, 1): +1, (2024, 6): -1, (2025, 2): +1, (2025, 7): +1}
INFORMING_KEYS = {(2021, 12): 10, (2022, 12): 16, (2023, 12): 19, (2024, 12): 29, (2025, 9): 32}

RATING = [
    # name, first month, satisfaction base, and which share of each theme's appeals it answers
    # ("total": a share of the month's total, for those that answer on any theme)
    ("МКУ «Управление городского хозяйства»", (2022, 1), 3.9,
     {"ЖКХ": 0.45, "Благоустройство": 0.70, "ТКО": 0.40}),
    ("МБУ «Дорожное хозяйство Заречного округа»", (2022, 1), 3.6, {"Дороги": 0.85}),
    ("МУП «Заречный водоканал»", (2022, 1), 3.8, {"ЖКХ": 0.30}),
    ("Отдел образования администрации", (2022, 1), 4.3, {"Образование": 0.90}),
    ("Управление социальной защиты населения", (2022, 1), 4.2, {"total": 0.036}),
    ("ЕДДС Заречного муниципального округа", (2022, 4), 4.0, {"total": 0.06}),
    ("Комитет по управлению муниципальным имуществом", (2024, 1), 3.7, {"total": 0.03}),
]


def path(levels: dict[int, float], t: float) -> float:
    """Piecewise-linear through each year's level placed at the middle of its reported months."""
    points = []
    for year, value in sorted(levels.items()):
        last_month = LAST[1] if year == LAST[0] else 12
        points.append(((year - FIRST[0]) * 12 + (last_month - 1) / 2, value))
    for (x0, v0), (x1, v1) in zip(points, points[1:]):
        if t <= x1:
            return v0 + (v1 - v0) * (t - x0) / (x1 - x0)
    (x0, v0), (x1, v1) = points[-2], points[-1]
    return v1 + (v1 - v0) * (t - x1) / (x1 - x0)


def build_months() -> list[dict]:
    """Every report's numbers, month by month."""
    r_theme = rng("themes")
    r_cov = rng("coverage")
    r_chan = rng("channels")
    r_treat = rng("treatments")
    r_detail = rng("theme-details")
    r_rating = rng("rating")
    r_sat = rng("satisfaction")

    reports = []
    for y, m in months():
        t = month_index(y, m)
        growth = 1.0 + 0.055 * t / 12
        themes = {}
        for theme in THEMES:
            if (y, m) < THEMES_FROM.get(theme, FIRST):
                continue
            base = THEME_SEASON[theme][m - 1] * growth * gauss(r_theme, 1.0, 0.05)
            base *= EVENTS.get((y, m), {}).get(theme, 1.0)
            if theme == "Дороги":
                base *= roads_factor(t)
            if theme == "ТКО":
                base *= tko_factor(t)
            themes[theme] = max(10, round(base))
        covered = sum(themes.values())
        total = round(covered / r_cov.uniform(0.86, 0.94))

        pos = 0.36 + 0.22 * t / 44 + gauss(r_chan, 0, 0.012)
        digital = 0.09 + 0.04 * t / 44 + gauss(r_chan, 0, 0.008)
        hotline = 0.17 - 0.06 * t / 44 + gauss(r_chan, 0, 0.008)
        appeals = 1.0 - pos - digital - hotline
        totals = dict(zip(CHANNELS, largest_remainder(total, [appeals, pos, digital, hotline])))
        reports.append(dict(y=y, m=m, t=t, total=total, totals=totals, themes=themes))

    # Treatments: a noisy path per target, levelled per year to the year's level.
    for treatment in TREATMENTS:
        raw = []
        for rep in reports:
            s = path(LEVELS[treatment], rep["t"])
            if treatment == "auto_delivery" and rep["y"] == 2022:
                s = 14.5 if rep["m"] <= 4 else 32.8  # the delivery system was connected in May 2022
            raw.append(s + gauss(r_treat, 0, 1.1))
        for year in sorted({rep["y"] for rep in reports}):
            idx = [i for i, rep in enumerate(reports) if rep["y"] == year]
            weight = sum(reports[i]["total"] for i in idx)
            mean = sum(raw[i] * reports[i]["total"] for i in idx) / weight
            for i in idx:
                raw[i] += LEVELS[treatment][year] - mean
        for rep, s in zip(reports, raw):
            count = round(rep["total"] * s / 100)
            weights = channel_weights(treatment, rep["t"])
            parts = largest_remainder(count, [rep["totals"][c] * weights[c] for c in CHANNELS],
                                      [rep["totals"][c] for c in CHANNELS])
            rep.setdefault("treated", {})[treatment] = dict(zip(CHANNELS, parts))

    # Recipients (stocks).
    stock = RECIPIENTS_START
    keys = sorted(INFORMING_KEYS.items())
    for rep in reports:
        y, m = rep["y"], rep["m"]
        stock += RECIPIENTS_CHANGES.get((y, m), 0)
        for ((y0, m0), v0), ((y1, m1), v1) in zip(keys, keys[1:]):
            a, b = month_index(y0, m0), month_index(y1, m1)
            if a < rep["t"] <= b:
                informing = v0 + (v1 - v0) * (rep["t"] - a) // (b - a)
        rep["recipients"] = (stock, informing)

    # Theme details, the rating of recipients, satisfaction.
    for rep in reports:
        t = rep["t"]
        details = {}
        for theme, received in rep["themes"].items():
            repeated = round(received * max(0.0, gauss(r_detail, repeated_rate(theme, t), 0.015)))
            overdue = round(received * max(0.0, gauss(r_detail, 0.014 - 0.00015 * t, 0.008)))
            postponed = round(received * max(0.0, gauss(r_detail, 0.006, 0.005)))
            solved_rate = SOLVED[theme] + 0.12 * t / 44 + gauss(r_detail, 0, 0.03)
            if theme == "Дороги" and rep["m"] in (12, 1, 2, 3):
                solved_rate -= 0.08  # winter: repairs wait for spring
            solved = round(received * min(0.95, solved_rate))
            details[theme] = dict(received=received, repeated=repeated, overdue=overdue,
                                  postponed=postponed, solved=solved)
        rep["theme_details"] = details

        rating = []
        for name, since, sat_base, answers in RATING:
            if (rep["y"], rep["m"]) < since:
                continue
            expected = sum(rep["total"] * k if theme == "total" else rep["themes"].get(theme, 0) * k
                           for theme, k in answers.items())
            received = round(expected * r_rating.uniform(0.9, 1.05))
            on_time = round(received * min(1.0, r_rating.uniform(0.91, 0.975) + 0.03 * t / 44))
            solved = round(received * r_rating.uniform(0.55, 0.72 + 0.08 * t / 44))
            sat = sat_base + 0.35 * t / 44 + gauss(r_rating, 0, 0.12)
            sat = min(4.8, max(3.5, round(sat, 1)))
            rating.append(dict(name=name, received=received, on_time=on_time, solved=solved, satisfaction=sat))
        rep["rating"] = rating

        responses = round(rep["total"] * r_sat.uniform(0.34, 0.44))
        satisfied = round(responses * (0.68 + 0.13 * t / 44 + gauss(r_sat, 0, 0.02)))
        rep["satisfaction"] = (responses, satisfied)

    by_month = decisions_by_month()
    for rep in reports:
        adopted, informed, items = by_month.get((rep["y"], rep["m"]), (0, 0, []))
        rep["decisions"] = (adopted, informed, items)
    return reports


def check_report(rep: dict) -> None:
    """The hard invariants of DATA-FORMAT.md, plus the demo's own realism bounds."""
    label = f"{rep['y']}-{rep['m']:02}"
    counts = [rep["total"], *rep["totals"].values(), *rep["recipients"], *rep["satisfaction"]]
    for treated in rep["treated"].values():
        counts += treated.values()
    for d in rep["theme_details"].values():
        counts += d.values()
    for r in rep["rating"]:
        counts += [r["received"], r["on_time"], r["solved"]]
    assert all(isinstance(c, int) and c >= 0 for c in counts), label
    assert sum(rep["totals"].values()) == rep["total"], label
    assert 700 <= rep["total"] <= 1400, (label, rep["total"])
    for treated in rep["treated"].values():
        for c in CHANNELS:
            assert treated[c] <= rep["totals"][c], (label, c)
    total, informing = rep["recipients"]
    assert informing <= total and 45 <= total <= 52, label
    received = sum(d["received"] for d in rep["theme_details"].values())
    assert received <= rep["total"], label
    assert 0.85 <= received / rep["total"] <= 0.95, (label, received / rep["total"])
    assert 6 <= len(rep["theme_details"]) <= 8, label
    for d in rep["theme_details"].values():
        for k in ("repeated", "overdue", "postponed", "solved"):
            assert d[k] <= d["received"], (label, k)
    assert 5 <= len(rep["rating"]) <= 7, label
    assert sum(r["received"] for r in rep["rating"]) <= rep["total"], label
    for r in rep["rating"]:
        assert r["on_time"] <= r["received"] and r["solved"] <= r["received"], label
        assert 3.5 <= r["satisfaction"] <= 4.8, label
    responses, satisfied = rep["satisfaction"]
    assert satisfied <= responses, label


# ---------------------------------------------------------------------------------------------
# The press officer's commentary
# ---------------------------------------------------------------------------------------------

NO_SUMMARY = {(2022, 2), (2022, 7), (2023, 8), (2024, 5), (2025, 1)}

WHY = {
    ("Дороги", (11, 12, 1, 2)): "жители сообщали о неубранном снеге и гололёде",
    ("Дороги", (3, 4, 5)): "после схода снега жители сообщают о ямах на дорогах",
    ("ЖКХ", (10, 11)): "с началом отопительного сезона жители сообщали о холодных батареях",
    ("ЖКХ", (12, 1, 2)): "жители сообщали о перебоях с отоплением и уборке снега во дворах",
    ("ЖКХ", (6, 7)): "жители сообщали о плановых отключениях горячей воды",
    ("ЖКХ", (9,)): "жители спрашивали о сроках начала отопительного сезона",
    ("Благоустройство", (3,)): "после схода снега жители просят убрать мусор во дворах и на обочинах",
    ("Благоустройство", (4, 5, 6, 7, 8, 9)): "жители просят покосить траву, убрать мусор во дворах и отремонтировать детские площадки",
    ("Образование", (8, 9)): "родители спрашивали о записи в школы и о школьных автобусах",
    ("ТКО", (6, 7, 8)): "жители жаловались на переполненные контейнерные площадки",
    ("Здравоохранение", (11, 12, 1)): "в период подъёма заболеваемости ОРВИ жители жаловались на запись к врачам",
    ("Транспорт", (9,)): "с началом учебного года жители просили добавить утренние рейсы",
}

# Why a theme rose in a particular month, where it was not the season but an event.
EVENT_WHY = {
    (2023, 1): ("Дороги", "во второй половине января прошли сильные снегопады"),
    (2024, 7): ("ЖКХ", "из-за аварии на магистральном водоводе по ул. Заводской жители сообщали об отсутствии воды"),
}

EXTRA = {
    (2022, 5): "С мая к системе автоматизированной доставки сообщений до исполнителя подключены ЕДДС и МУП «Заречный водоканал».",
    (2023, 5): "15 мая утверждена дорожная карта по обустройству контейнерных площадок для ТКО.",
    (2023, 9): "С сентября операторы горячей линии ЕДДС обрабатывают сообщения по фаст-треку.",
    (2024, 2): ("1 февраля утверждена [дорожная карта по ямочному ремонту]"
                "(https://zarechny.example.ru/news/2024/02/01/yamochnyi-remont): шесть мероприятий "
                "со сроками и ответственными."),
}

KIND_DONE = {"vote": "завершилось голосование", "survey": "завершился опрос",
             "discussion": "завершилось общественное обсуждение"}


def quoted(title: str) -> str:
    """A title in «ёлочки», with the quotes inside it turned into „лапки“."""
    return "«" + title.replace("«", "„").replace("»", "“") + "»"


def obr(n: int) -> str:
    return f"{n} {plural(n, 'обращение', 'обращения', 'обращений')}"


def summary(rep: dict, by_period: dict[tuple[int, int], dict]) -> str | None:
    """Two to four sentences on the month's own numbers, a list at each quarter's end."""
    y, m = rep["y"], rep["m"]
    if (y, m) in NO_SUMMARY:
        return None
    prev = by_period.get((y - 1, 12) if m == 1 else (y, m - 1))
    year_ago = by_period.get((y - 1, m))
    sentences = []
    total = rep["total"]
    if prev is None:
        sentences.append(f"В {MONTH_PREP[m - 1]} {y} г. в МЦУ поступило {obr(total)} по всем каналам.")
    else:
        diff = total - prev["total"]
        when = MONTH_PREP[prev["m"] - 1] + (f" {prev['y']} года" if prev["y"] != y else "")
        if diff == 0:
            tail = f"столько же, сколько в {when}"
        else:
            more = "больше" if diff > 0 else "меньше"
            tail = f"на {abs(diff)} {more}, чем в {when}"
        sentences.append(f"В {MONTH_PREP[m - 1]} в МЦУ поступило {obr(total)} по всем каналам — {tail}.")

    themes = rep["themes"]
    if prev is not None:
        rises = sorted(((themes[k] - prev["themes"].get(k, themes[k]), k) for k in themes), reverse=True)
        rise, theme = rises[0]
        if rise > 0:
            event = EVENT_WHY.get((y, m))
            why = event[1] if event and event[0] == theme else next(
                (w for (th, ms), w in WHY.items() if th == theme and m in ms), None)
            s = (f"Заметнее всего выросло число обращений по теме «{theme}»: {themes[theme]} против "
                 f"{prev['themes'][theme]} в {MONTH_PREP[prev['m'] - 1]}")
            sentences.append(s + (f" — {why}." if why else "."))
        else:
            lead = max(themes, key=lambda k: themes[k])
            sentences.append(f"Обращений стало меньше по всем темам; больше всего по-прежнему по теме «{lead}» — {themes[lead]}.")

    if (y, m) in EXTRA:
        sentences.append(EXTRA[(y, m)])
    _, _, items = rep["decisions"]
    if items and len(sentences) < 3:
        d = items[0]
        sentences.append(f"На Платформе обратной связи {KIND_DONE[d['kind']]} {quoted(d['title'])}, участников — {d['participants']}.")
    if year_ago is not None and len(sentences) < 4:
        if rep["t"] > ROADS_APPROVED + 2 and m % 2 == 0:
            a, b = themes["Дороги"], year_ago["themes"]["Дороги"]
            sentences.append(f"По теме «Дороги» — {obr(a)} против {b} год назад: работает дорожная карта по ямочному ремонту.")
        elif TKO_APPROVED + 2 < rep["t"] <= month_index(2024, 12) and m % 2 == 1:
            a, b = themes["ТКО"], year_ago["themes"]["ТКО"]
            sentences.append(f"О вывозе мусора (ТКО) поступило {obr(a)}, годом ранее — {b}.")
    if len(sentences) < 4:
        treated = sum(rep["treated"]["fast_track"].values())
        sentences.append(f"Доля сообщений через ПОС — {pct_ru(rep['totals']['pos'], total)}, "
                         f"по фаст-треку обработано {pct_ru(treated, total)} всех обращений.")
    text = " ".join(sentences)

    if m in (3, 6, 9, 12):
        top = sorted(themes, key=lambda k: (-themes[k], THEMES.index(k)))[:3]
        items_md = [f"- «{k}» — {themes[k]};" for k in top]
        items_md[-1] = items_md[-1][:-1] + "."
        text += f"\n\nБольше всего обращений в {MONTH_PREP[m - 1]} — по темам:\n\n" + "\n".join(items_md)
    if (y, m) == LAST:
        ytd = [r for (ry, _), r in by_period.items() if ry == y]
        ago = [r for (ry, rm), r in by_period.items() if ry == y - 2 and rm <= m]
        roads_now = sum(r["themes"]["Дороги"] for r in ytd)
        roads_then = sum(r["themes"]["Дороги"] for r in ago)
        drop = round(100 * (roads_then - roads_now) / roads_then)
        text += (f"\n\nС начала года по теме «Дороги» поступило {obr(roads_now)} — на {drop} % меньше, "
                 f"чем за январь — {MONTH_NOM[m - 1]} {y - 2} г., до утверждения дорожной карты.")
    return text


def report_yaml(rep: dict, text: str | None) -> str:
    y, m = rep["y"], rep["m"]
    lines = [
        f"# Отчёт МЦУ за {MONTH_NOM[m - 1]} {y} г. (Приложение № 1)",
        GENERATED,
        f"period: {y}-{m:02}",
        f"published: {published(y, m).isoformat()}",
        "channels:",
    ]
    fields = ["total", *TREATMENTS]
    values = {c: [rep["totals"][c], *(rep["treated"][t][c] for t in TREATMENTS)] for c in CHANNELS}
    cells = {c: [f"{f}: {v}" + ("," if i < len(fields) - 1 else "") for i, (f, v) in enumerate(zip(fields, values[c]))]
             for c in CHANNELS}
    widths = [max(len(cells[c][i]) for c in CHANNELS) for i in range(len(fields))]
    for c in CHANNELS:
        row = " ".join(cell.ljust(w) if i < len(fields) - 1 else cell
                       for i, (cell, w) in enumerate(zip(cells[c], widths)))
        lines.append(f"  {(c + ':').ljust(8)} {{{row}}}")
    total, informing = rep["recipients"]
    lines.append(f"recipients: {flow([('total', str(total)), ('informing', str(informing))])}")
    lines.append("themes:")
    for theme, d in rep["theme_details"].items():
        pairs = [("theme", q(theme)), ("received", str(d["received"])), ("repeated", str(d["repeated"]))]
        for k in ("overdue", "postponed"):
            if d[k]:
                pairs.append((k, str(d[k])))
        pairs.append(("solved", str(d["solved"])))
        lines.append(f"  - {flow(pairs)}")
    lines.append("recipients_rating:")
    for r in rep["rating"]:
        lines.append("  - " + flow([("name", q(r["name"])), ("received", str(r["received"])),
                                    ("on_time", str(r["on_time"])), ("solved", str(r["solved"])),
                                    ("satisfaction", f"{r['satisfaction']:.1f}")]))
    responses, satisfied = rep["satisfaction"]
    lines.append(f"satisfaction: {flow([('responses', str(responses)), ('satisfied', str(satisfied))])}")
    if text:
        lines.append("summary: |")
        for line in text.split("\n"):
            lines.append(f"  {line}" if line else "")
    fixes = corrections(rep)
    if fixes:
        lines.append("corrections:")
        for date, what in fixes:
            assert date >= published(y, m), (y, m, date)
            lines.append(f"  - {flow([('date', date.isoformat()), ('text', q(what))])}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Targets: the annual values, computed as the site must compute them
# ---------------------------------------------------------------------------------------------

def annual(reports: list[dict], year: int) -> dict[str, Fraction | None]:
    """The 7 targets on year-to-date sums: flows summed, stocks at the year's last report."""
    rows = [r for r in reports if r["y"] == year]
    total = sum(r["total"] for r in rows)
    out = {}
    for t in TREATMENTS:
        out[t] = share(sum(sum(r["treated"][t].values()) for r in rows), total)
    recipients, informing = rows[-1]["recipients"]
    out["social_recipients"] = share(informing, recipients)
    adopted = sum(r["decisions"][0] for r in rows)
    informed = sum(r["decisions"][1] for r in rows)
    out["pos_decisions_informed"] = share(informed, adopted)
    return {k: out[k] for k in TARGETS}


REASONS = {
    2022: {
        "auto_delivery": "Система автоматизированной доставки сообщений до исполнителя подключена к ЕДДС и "
                         "МУП «Заречный водоканал» только в мае 2022 г.; до этого сообщения распределялись вручную.",
        "roadmap": "Дорожные карты по дорогам частного сектора и по ТКО не утверждены в 2022 г.: мероприятия "
                   "не были обеспечены финансированием и перенесены на 2023–2024 гг.",
    },
    2023: {
        "fast_track": "Горячая линия ЕДДС переведена на фаст-трек только в сентябре 2023 г., после обучения "
                      "операторов; до этого звонки обрабатывались в общем порядке.",
        "social_recipients": "Два учреждения социальной сферы не завели официальные страницы в социальных сетях "
                             "до конца года: не были назначены ответственные за их ведение.",
        "pos_decisions_informed": "Итоги опроса о выборе улиц для уличного освещения (сентябрь) опубликованы "
                                  "в социальных сетях 16 октября, уже после окончания отчётного месяца.",
        "auto_control": "Камеры фотофиксации установлены в 2023 г. на 24 контейнерных площадках из 40 "
                        "запланированных: поставщик сорвал сроки поставки оборудования.",
    },
    2024: {
        "pos_decisions_informed": "Сообщение о новом маршруте школьного автобуса, выбранном на обсуждении в "
                                  "августе, опубликовано только 5 сентября — после начала учебного года.",
        "roadmap": "Ремонт ул. Речной исключён из дорожной карты по ямочному ремонту (улица передана в "
                   "собственность Энской области), а капитальный ремонт ул. Мира перенесён на 2025 г.",
        "auto_control": "ГЛОНАСС-трекеры установлены на 11 из 14 машин подрядчика по уборке улиц; контракт на "
                        "оставшиеся три машины заключён только в декабре 2024 г.",
    },
}


def targets_yaml(below: dict[int, list[str]]) -> str:
    lines = [
        "# Плановые значения целевых показателей МЦУ, % (Приложение № 3)",
        "# и причины отклонения достигнутых значений от плана (Приложение № 2)",
        GENERATED,
        "plans:",
    ]
    for year, plan in PLANS.items():
        first = ", ".join(f"{k}: {plan[k]}" for k in TARGETS[:4])
        second = ", ".join(f"{k}: {plan[k]}" for k in TARGETS[4:])
        lines.append(f"  {year}: {{{first},")
        lines.append(f"         {second}}}")
    lines.append("deviation_reasons:")
    for year, ids in below.items():
        if not ids:
            continue
        entries = [f"{k}: {q(REASONS[year][k])}" for k in ids]
        for i, entry in enumerate(entries):
            head = f"  {year}: {{" if i == 0 else "         "
            tail = "}" if i == len(entries) - 1 else ","
            lines.append(head + entry + tail)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Checks on the whole data set, and the run
# ---------------------------------------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_decisions_and_roadmaps() -> None:
    all_decisions = [d for year_list in DECISIONS.values() for d in year_list]
    assert 14 <= len(all_decisions) <= 18
    ids = [d["id"] for d in all_decisions]
    assert len(ids) == len(set(ids)) and all(ID_RE.match(i) for i in ids)
    assert {d["status"] for d in all_decisions} == {"planned", "in_progress", "done", "cancelled"}
    assert {d["kind"] for d in all_decisions} == {"vote", "survey", "discussion"}
    for year, year_list in DECISIONS.items():
        for d in year_list:
            assert d["adopted"].year == year and d["adopted"] <= AS_OF
            for date, _ in d["milestones"]:
                assert d["adopted"] < D(date) < AS_OF, d["id"]
            for date, _, url in d["informing"]:
                assert d["adopted"] < D(date) < AS_OF and url.startswith("https://"), d["id"]
    uninformed_done = [d["id"] for d in all_decisions if d["status"] == "done" and not d["informing"]]
    assert uninformed_done == ["skameiki-naberezhnaya"], uninformed_done
    for r in ROADMAPS:
        assert ID_RE.match(r["id"])
        states = []
        for mm in r["measures"]:
            if "done" in mm:
                assert r["approved"] <= D(mm["done"]) < AS_OF, mm
                states.append("done")
            elif "cancelled" in mm:
                states.append("cancelled")
            else:
                states.append("overdue" if D(mm["due"]) < AS_OF else "in_progress")
        if r["id"] == "yamochnyi-remont":
            assert r["approved"] == D("2024-02-01") and len(states) == 6
            assert states.count("overdue") == 1 and states.count("cancelled") == 1
            assert states.count("in_progress") == 1 and states.count("done") == 3
        else:
            assert r["approved"] == D("2023-05-15") and len(states) == 5 and states.count("done") >= 3


def check_series(reports: list[dict]) -> None:
    def mean(theme: str, year: int, ms: range) -> float:
        vals = [r["themes"][theme] for r in reports if r["y"] == year and r["m"] in ms]
        return sum(vals) / len(vals)
    # Дороги falls after 2024-03, ТКО after mid-2023: both clearly.
    assert mean("Дороги", 2025, range(4, 10)) < 0.6 * mean("Дороги", 2023, range(4, 10))
    assert mean("Дороги", 2024, range(7, 13)) < 0.7 * mean("Дороги", 2023, range(7, 13))
    assert mean("ТКО", 2024, range(1, 13)) < 0.65 * mean("ТКО", 2022, range(1, 13))
    pos_share = [sum(r["totals"]["pos"] for r in reports if r["y"] == y) /
                 sum(r["total"] for r in reports if r["y"] == y) for y in (2022, 2023, 2024, 2025)]
    assert pos_share == sorted(pos_share), pos_share


def check_newest_date() -> None:
    """The as-of date of the demo must be the last report's publication date.

    Every date written counts except a measure's `due`, which may lie ahead (that is the point).
    """
    dates = []
    for path_ in sorted(DATA.rglob("*.yaml")):
        text = path_.read_text(encoding="utf-8")
        dates += re.findall(r"(?<!due: )(?<![\d/])(\d{4}-\d{2}-\d{2})(?![\d/])", text)
    assert max(dates) == AS_OF.isoformat(), max(dates)


def write(rel: str, text: str) -> None:
    path_ = DATA / rel
    path_.parent.mkdir(parents=True, exist_ok=True)
    path_.write_text(text, encoding="utf-8", newline="\n")


def main() -> int:
    check_decisions_and_roadmaps()
    reports = build_months()
    for rep in reports:
        check_report(rep)
    check_series(reports)

    # Replace the generated folders wholesale, so that no stale month survives a change of range.
    for sub in ("reports", "decisions", "roadmaps", "clarifications"):
        for old in sorted((DATA / sub).glob("*.yaml")) if (DATA / sub).exists() else []:
            old.unlink()

    write("site.yaml", site_yaml())
    write("structure.yaml", structure_yaml())
    for year in DECISIONS:
        write(f"decisions/{year}.yaml", decisions_yaml(year))
    for r in ROADMAPS:
        write(f"roadmaps/{r['id']}.yaml", roadmap_yaml(r))
    for year in sorted({c["date"].year for c in CLARIFICATIONS}):
        write(f"clarifications/{year}.yaml", clarifications_yaml(year))

    by_period = {(r["y"], r["m"]): r for r in reports}
    for rep in reports:
        write(f"reports/{rep['y']}-{rep['m']:02}.yaml", report_yaml(rep, summary(rep, by_period)))

    achieved = {year: annual(reports, year) for year in PLANS}
    below = {}
    for year in COMPLETE_YEARS:
        below[year] = [k for k in TARGETS
                       if achieved[year][k] is not None and achieved[year][k] < PLANS[year][k]]
        # The reasons are written for exactly the targets the data puts below plan.
        assert below[year] == list(REASONS[year]), (year, below[year], list(REASONS[year]))
    write("targets.yaml", targets_yaml(below))
    check_newest_date()

    # The table for cross-checking the site's arithmetic.
    print("year  target                   plan  achieved  (numerator/denominator)")
    for year in PLANS:
        rows = [r for r in reports if r["y"] == year]
        total = sum(r["total"] for r in rows)
        for k in TARGETS:
            if k in TREATMENTS:
                frac = f"{sum(sum(r['treated'][k].values()) for r in rows)}/{total}"
            elif k == "social_recipients":
                frac = "{1}/{0}".format(*rows[-1]["recipients"])
            else:
                frac = f"{sum(r['decisions'][1] for r in rows)}/{sum(r['decisions'][0] for r in rows)}"
            value = achieved[year][k]
            shown = "нет данных" if value is None else fmt1(value)
            mark = " *" if value is not None and value < PLANS[year][k] else ""
            print(f"{year}  {k:<24} {PLANS[year][k]:>4}  {shown:>8}{mark}  ({frac})")
    print(f"wrote {len(reports)} reports, {sum(len(v) for v in DECISIONS.values())} decisions, "
          f"{len(ROADMAPS)} road maps, {len(CLARIFICATIONS)} clarifications into {DATA.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
